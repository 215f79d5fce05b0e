"""A backup archive on disk: one tar file (or a folder with the same members), its
`manifest.json` and a sha256 checksum of every other member.

Writing streams each member into the tar while hashing it; the manifest, written last,
lists every member with its checksum and size. Reading unpacks a tar into a staging
folder (a folder archive is read in place), hashing as it goes, and refuses the archive
when anything differs from the manifest: a member missing, added, or changed (named).
Nothing of the target instance is touched before that check has passed."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import time
from pathlib import Path, PurePosixPath

from .instance import OperationFailed

MANIFEST = "manifest.json"
FORMAT = "trellis-backup"
CHUNK = 1 << 20


class _Hashing(io.RawIOBase):
    """A reader that hashes what passes through it."""

    def __init__(self, raw):
        self.raw, self.sha, self.size = raw, hashlib.sha256(), 0

    def readable(self):
        return True

    def readinto(self, buf):
        data = self.raw.read(len(buf))
        self.sha.update(data)
        self.size += len(data)
        buf[:len(data)] = data
        return len(data)


class ArchiveWriter:
    """Members added one by one (`add_file`, `add_bytes`), then `close(manifest)`."""

    def __init__(self, path: Path, folder: bool = False):
        self.path, self.folder = Path(path), folder
        self.members: dict[str, dict] = {}
        if folder:
            self.path.mkdir(parents=True, exist_ok=False)
            self.tar = None
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.tar = tarfile.open(self.path, "w", format=tarfile.PAX_FORMAT)

    def add_file(self, src: Path, name: str, mode: int = 0o644) -> None:
        with open(src, "rb") as f:
            if self.tar is None:
                dest = self.path / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                reader = _Hashing(f)
                with open(dest, "wb") as out:
                    shutil.copyfileobj(reader, out, CHUNK)
            else:
                info = self.tar.gettarinfo(fileobj=f, arcname=name)
                info.mode, info.uid, info.gid, info.uname, info.gname = mode, 0, 0, "", ""
                reader = _Hashing(f)
                self.tar.addfile(info, io.BufferedReader(reader, CHUNK))
        self.members[name] = {"sha256": reader.sha.hexdigest(), "size": reader.size}

    def add_bytes(self, data: bytes, name: str, mode: int = 0o644) -> None:
        self.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        self._put(data, name, mode)

    def _put(self, data: bytes, name: str, mode: int) -> None:
        if self.tar is None:
            dest = self.path / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            return
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), mode, int(time.time())
        self.tar.addfile(info, io.BytesIO(data))

    def close(self, manifest: dict) -> dict:
        manifest = {**manifest, "members": dict(sorted(self.members.items()))}
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        self._put(text.encode("utf-8"), MANIFEST, 0o644)
        if self.tar is not None:
            self.tar.close()
        return manifest

    def abort(self) -> None:
        if self.tar is not None:
            self.tar.close()
            self.path.unlink(missing_ok=True)
        else:
            shutil.rmtree(self.path, ignore_errors=True)


def _corrupt(path: Path, why_zh: str, why_en: str) -> OperationFailed:
    return OperationFailed(f"备份 {path} 无法读取:{why_zh}", f"the backup {path} cannot be read: {why_en}",
                           code="archive_corrupt")


def _mismatch(path: Path, name: str) -> OperationFailed:
    return OperationFailed(f"备份 {path} 的成员 {name} 校验和不符(已被修改或损坏),未做任何恢复",
                           f"the backup {path}: member {name} does not match its checksum (altered or damaged); "
                           f"nothing was restored", code="checksum_mismatch")


def _safe(name: str) -> bool:
    p = PurePosixPath(name)
    return bool(name) and not p.is_absolute() and ".." not in p.parts


def _parse_manifest(path: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _corrupt(path, "manifest.json 不是有效的 JSON", "manifest.json is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("members"), dict):
        raise _corrupt(path, "manifest.json 不是 Trellis 备份清单", "manifest.json is not a Trellis backup manifest")
    return manifest


def read_manifest(path: Path) -> dict:
    """The archive's manifest (the archive itself not checked yet)."""
    path = Path(path)
    if not path.exists():
        raise OperationFailed(f"找不到备份 {path}", f"backup {path} not found", code="archive_missing")
    if path.is_dir():
        if not (path / MANIFEST).is_file():
            raise _corrupt(path, "目录中没有 manifest.json", "the folder holds no manifest.json")
        return _parse_manifest(path, (path / MANIFEST).read_bytes())
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.getmember(MANIFEST)
            return _parse_manifest(path, tar.extractfile(member).read())
    except KeyError:
        raise _corrupt(path, "归档中没有 manifest.json", "the archive holds no manifest.json") from None
    except (tarfile.TarError, OSError, EOFError) as e:
        raise _corrupt(path, f"不是完整的 tar 归档({e})", f"not a complete tar archive ({e})") from None


def unpack(path: Path, staging: Path) -> tuple[dict, Path]:
    """(manifest, folder holding the members) once every checksum matched; a tar is
    unpacked into `staging`, a folder archive is checked where it is."""
    path = Path(path)
    manifest = read_manifest(path)
    expected = manifest["members"]
    seen: set[str] = set()
    if path.is_dir():
        root = path
        for name, want in expected.items():
            file = root / name
            if not _safe(name) or not file.is_file():
                raise OperationFailed(f"备份 {path} 缺少成员 {name}", f"the backup {path} lacks member {name}",
                                      code="member_missing")
            with open(file, "rb") as f:
                if _digest(f) != want.get("sha256"):
                    raise _mismatch(path, name)
            seen.add(name)
        extra = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - seen - {MANIFEST}
    else:
        root = staging
        extra = set()
        try:
            with tarfile.open(path, "r:") as tar:
                for member in tar:
                    name = member.name
                    if name == MANIFEST or member.isdir():
                        continue
                    if not member.isfile() or not _safe(name) or name not in expected:
                        extra.add(name)
                        continue
                    dest = root / name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    reader = _Hashing(tar.extractfile(member))
                    with open(dest, "wb") as out:
                        shutil.copyfileobj(reader, out, CHUNK)
                    if reader.sha.hexdigest() != expected[name].get("sha256"):
                        raise _mismatch(path, name)
                    seen.add(name)
        except (tarfile.TarError, EOFError) as e:
            raise _corrupt(path, f"tar 归档已损坏({e})", f"the tar archive is damaged ({e})") from None
        missing = sorted(set(expected) - seen)
        if missing:
            raise OperationFailed(f"备份 {path} 缺少成员 {missing[0]}", f"the backup {path} lacks member {missing[0]}",
                                  code="member_missing")
    if extra:
        first = sorted(extra)[0]
        raise OperationFailed(f"备份 {path} 含有清单之外的成员 {first}",
                              f"the backup {path} holds member {first}, which its manifest does not list",
                              code="member_unexpected")
    return manifest, root


def _digest(f) -> str:
    sha = hashlib.sha256()
    for block in iter(lambda: f.read(CHUNK), b""):
        sha.update(block)
    return sha.hexdigest()
