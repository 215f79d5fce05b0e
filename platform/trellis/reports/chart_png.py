"""A report's Vega-Lite spec drawn as a PNG on the server, with vl-convert (Vega and resvg in
the process: no browser, nothing fetched).

The server's specs are written for the browser: their number axes, legends and tooltips
carry `"formatType": "trellisNumber"` (a function the web UI registers, 万 / 亿) and
`config.customFormatTypes`; vl-convert knows no such function, so those become a plain d3
format by the measure's format (number, percent, money). A width or height of "container"
becomes pixels (axes and legend inside them), the title goes (the mail names the tile above
its image), the background is white (mail clients draw on white or dark). Chinese needs a
CJK font: the directories of TRELLIS_CHART_FONTS (separated by the path separator) and the
usual places of WenQuanYi / Noto CJK are registered once per process, and the spec's font
names them first. The last KEPT drawings are kept by their spec: recipients who share a
scope share the drawing."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path

WIDTH = 600       # pixels of a chart in the mail (one column)
HEIGHT = 260
SCALE = 1.5       # device pixels per pixel: sharp on a phone, small enough to mail
FONT = "WenQuanYi Zen Hei, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
D3 = {"number": ",.2~f", "percent": ".1~%", "money": ",.2~f"}
FONT_DIRS = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/wqy-zenhei")

KEPT = 64

_fonts_done = False
_fonts_lock = threading.Lock()
_kept: OrderedDict[str, bytes] = OrderedDict()
_kept_lock = threading.Lock()


def _fonts() -> None:
    global _fonts_done
    if _fonts_done:
        return
    import vl_convert

    with _fonts_lock:
        if _fonts_done:
            return
        extra = [d for d in (os.environ.get("TRELLIS_CHART_FONTS") or "").split(os.pathsep) if d]
        for folder in (*extra, *FONT_DIRS):
            if Path(folder).is_dir():
                vl_convert.register_font_directory(folder)
        _fonts_done = True


def printable(spec: dict, width: int = WIDTH, height: int = HEIGHT) -> dict:
    """A copy of the spec that vl-convert draws as the browser would."""
    out = _plain(copy.deepcopy(spec))
    out.pop("title", None)
    config = out.setdefault("config", {})
    config.pop("customFormatTypes", None)
    config.setdefault("font", FONT)
    if out.get("width") in (None, "container"):
        out["width"] = width
    if out.get("height") in (None, "container"):
        out["height"] = height
    out["autosize"] = {"type": "fit", "contains": "padding"}  # axes and legend inside the width
    out["background"] = "white"
    return out


def _plain(node):
    """`trellisNumber` formats as d3 formats, all the way down."""
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _plain(v) for k, v in node.items()}
    if out.get("formatType") == "trellisNumber":
        del out["formatType"]
        out["format"] = D3.get(out.get("format") or "number", D3["number"])
    return out


def png(spec: dict, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE) -> bytes:
    """The chart as PNG bytes; ValueError when vl-convert cannot draw it."""
    import vl_convert

    ready = printable(spec, width, height)
    key = hashlib.sha256(json.dumps([ready, scale], sort_keys=True, default=str).encode()).hexdigest()
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    _fonts()
    out = bytes(vl_convert.vegalite_to_png(ready, scale=scale))
    with _kept_lock:
        _kept[key] = out
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return out
