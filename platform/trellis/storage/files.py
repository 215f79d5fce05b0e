"""The local file store for attachments: content under TRELLIS_HOME/files, addressed by a
random id; a small JSON sidecar keeps the original name and type. A save goes to a
temporary file first, so a refused or failed upload leaves nothing behind. The sidecar
may also keep who uploaded the file and for which form (`extra`); `save` answers only
the public part {id, name, size, content_type}. An id that is not one the store makes
(32 hex digits) names no file."""
from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from ..kernel.errors import NotFound
from .uploads import HEAD_BYTES, too_large


FILE_ID = re.compile(r"[0-9a-f]{32}")


class FileStore:
    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, file_id: str) -> Path:
        if not FILE_ID.fullmatch(file_id):
            raise NotFound(f"文件 {file_id[:40]} 不存在", f"file {file_id[:40]} not found")
        return self.root / file_id[:2] / file_id

    def save(self, stream, name: str, content_type: str | None, *, max_bytes: int | None = None,
             check_head=None, extra: dict | None = None) -> dict:
        """Store a stream. `check_head(first bytes)` may refuse it before anything is written;
        past `max_bytes` the partial file is removed and TooLarge (413) is raised."""
        head = stream.read(HEAD_BYTES)
        if check_head is not None:
            check_head(head)
        file_id = secrets.token_hex(16)
        path = self._path(file_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        size = 0
        try:
            with open(part, "wb") as out:
                chunk = head
                while chunk:
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise too_large(max_bytes)
                    out.write(chunk)
                    chunk = stream.read(1 << 16)
            meta = {"id": file_id, "name": Path(name).name, "size": size,
                    "content_type": content_type or "application/octet-stream"}
            path.with_suffix(".json").write_text(json.dumps({**(extra or {}), **meta}, ensure_ascii=False))
            part.replace(path)
        except BaseException:
            part.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            raise
        return meta

    def open(self, file_id: str) -> tuple[Path, dict]:
        path = self._path(file_id)
        if not path.exists():
            raise NotFound(f"文件 {file_id} 不存在", f"file {file_id} not found")
        return path, json.loads(path.with_suffix(".json").read_text())
