"""The local file store for attachments: content under TRELLIS_HOME/files, addressed by a
random id; a small JSON sidecar keeps the original name and type."""
from __future__ import annotations

import json
import secrets
from pathlib import Path

from .errors import BadRequest, NotFound


class FileStore:
    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, file_id: str) -> Path:
        if not file_id.isalnum():
            raise BadRequest("文件标识无效", "invalid file id", code="malformed")
        return self.root / file_id[:2] / file_id

    def save(self, stream, name: str, content_type: str | None) -> dict:
        file_id = secrets.token_hex(16)
        path = self._path(file_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        with open(path, "wb") as out:
            while chunk := stream.read(1 << 16):
                out.write(chunk)
                size += len(chunk)
        meta = {"id": file_id, "name": Path(name).name, "size": size,
                "content_type": content_type or "application/octet-stream"}
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False))
        return meta

    def open(self, file_id: str) -> tuple[Path, dict]:
        path = self._path(file_id)
        if not path.exists():
            raise NotFound(f"文件 {file_id} 不存在", f"file {file_id} not found")
        return path, json.loads(path.with_suffix(".json").read_text())
