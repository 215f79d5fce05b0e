"""docs/deploy.md's settings table, made from .env.example (the first sentence of each
block in each language, its default, ✱ when the deployment sets it).

    .venv/bin/python tests/deploy/settings_doc.py     # rewrites the table in docs/deploy.md

test_compose.py checks that the table in the guide is the one this makes."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from envfile import ROOT, read_env_example  # noqa: E402

GUIDE = ROOT / "docs" / "deploy.md"
BEGIN, END = "<!-- settings table: tests/deploy/settings_doc.py -->", "<!-- end of the settings table -->"
CJK = re.compile(r"[\u4e00-\u9fff]")


def settings_table() -> str:
    rows = ["| 设置 / Setting | 默认 / Default | 说明 | Description |", "|---|---|---|---|"]
    for s in read_env_example():
        lines = list(s.comment[1:])
        default_line = next(line for line in lines if line.startswith("默认 / Default:"))
        default = default_line.split("Default:", 1)[1].split("示例 / Example:")[0].strip()
        zh = "".join(line for line in lines if CJK.search(line) and line is not default_line)
        en = " ".join(line for line in lines if not CJK.search(line))
        zh = re.split(r"(?<=。)", zh)[0]
        en = re.split(r"(?<=\.)\s", en)[0]
        mark = " ✱" if s.active else ""
        rows.append(f"| `{s.name}`{mark} | {default} | {zh} | {en} |")
    return "\n".join(rows)


def guide_table(text: str) -> str | None:
    """The table between the markers in the guide's text, or None."""
    if BEGIN not in text or END not in text:
        return None
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def rewrite() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    table = f"{BEGIN}\n{settings_table()}\n{END}"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + table + rest.split(END, 1)[1]
    else:
        text = text.replace("SETTINGS_TABLE", table)
    GUIDE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
