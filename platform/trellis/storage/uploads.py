"""What an upload may be: no executables and no active content (refused by extension,
by declared type and by the first bytes), within the size limit, and, when the upload
names an attachment field, within that field's `accept` list and `max_size_mb`."""
from __future__ import annotations

import re

from ..kernel.errors import BadRequest, TrellisError

HEAD_BYTES = 2048

BLOCKED_EXTENSIONS = frozenset({
    # executables, installers, libraries
    ".exe", ".com", ".msi", ".msp", ".dll", ".scr", ".cpl", ".sys", ".drv", ".ocx", ".pif", ".gadget",
    ".app", ".dmg", ".pkg", ".deb", ".rpm", ".apk", ".elf", ".so", ".dylib", ".jar", ".class",
    # scripts
    ".bat", ".cmd", ".sh", ".bash", ".zsh", ".csh", ".ksh", ".ps1", ".psm1", ".psd1", ".vbs", ".vbe",
    ".js", ".mjs", ".cjs", ".jse", ".wsf", ".wsh", ".hta", ".msc", ".reg", ".lnk", ".inf", ".py", ".pyc",
    ".pl", ".rb", ".php", ".php3", ".php4", ".php5", ".phtml", ".phar", ".asp", ".aspx", ".jsp", ".cgi",
    # active content a browser would run
    ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xsl", ".swf",
})

ACTIVE_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "image/svg+xml",
    "application/javascript", "text/javascript", "application/ecmascript", "application/x-javascript",
    "application/x-msdownload", "application/x-msdos-program", "application/x-executable",
    "application/x-sh", "application/x-shellscript", "application/x-httpd-php", "application/java-archive",
    "application/x-ms-installer", "application/x-msi", "application/hta",
})

_MAGIC = (
    (b"MZ", "Windows 可执行文件", "a Windows executable"),
    (b"\x7fELF", "Linux 可执行文件", "a Linux executable"),
    (b"\xcf\xfa\xed\xfe", "macOS 可执行文件", "a macOS executable"),
    (b"\xce\xfa\xed\xfe", "macOS 可执行文件", "a macOS executable"),
    (b"\xca\xfe\xba\xbe", "可执行文件", "an executable"),
    (b"#!", "脚本", "a script"),
)
_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|embed|\?php)\b|<!doctype\s+html", re.IGNORECASE)


class TooLarge(TrellisError):
    status = 413
    code = "too_large"


class Refused(TrellisError):
    status = 415
    code = "file_type_refused"


def extension(name: str) -> str:
    """The lower-case last extension, ignoring the trailing dots and spaces Windows drops."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rstrip(". \t").lower()
    return "." + base.rsplit(".", 1)[1] if "." in base else ""


def check_name(name: str, content_type: str | None) -> None:
    ext = extension(name)
    if ext in BLOCKED_EXTENSIONS:
        raise Refused(f"不允许上传 {ext} 类型的文件(可执行文件或网页脚本)",
                      f"{ext} files may not be uploaded (executables and active content are refused)")
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind in ACTIVE_TYPES:
        raise Refused(f"不允许上传类型为 {kind} 的文件", f"files of type {kind} may not be uploaded")


def check_head(head: bytes) -> None:
    """Refuse content that is an executable or active markup whatever its name says."""
    for magic, zh, en in _MAGIC:
        if head.startswith(magic):
            raise Refused(f"文件内容是{zh},不允许上传", f"the file is {en} and may not be uploaded")
    if _MARKUP.search(head):
        raise Refused("文件内容包含网页或脚本,不允许上传", "the file contains HTML or script and may not be uploaded")


def field_rules(form, field_id: str) -> tuple[tuple[str, ...], int | None]:
    """(accepted extensions, max bytes) of an attachment field of a published form."""
    t = form.field(field_id)
    if t is None or t.key != "attachment":
        raise BadRequest(f"表单 {form.id} 没有附件字段 {field_id}", f"form {form.id} has no attachment field {field_id}",
                         code="unknown_field", details={"field": field_id})
    return t.accept, t.max_size


def check_accept(name: str, accept: tuple[str, ...]) -> None:
    if accept and extension(name) not in accept:
        raise Refused(f"该字段只接受 {'、'.join(accept)} 文件", f"this field only accepts {', '.join(accept)} files")


def too_large(limit: int) -> TooLarge:
    mb = f"{limit / (1024 * 1024):g}"
    return TooLarge(f"文件超过 {mb} MB 的上限", f"the file is larger than the {mb} MB limit",
                    details={"max_bytes": limit})
