"""A dashboard's snapshot for one reader (定时推送): each tile they may read, computed in their
own scope through `runtime.dashboards.tile` with the given filter values, as a mail-ready
HTML body, a plain-text fallback (WeCom, DingTalk, in-app, a mail client showing no HTML)
and the charts as PNG images.

Charts the server describes in Vega-Lite are drawn by reports/chart_png.py and followed by
their figures as a table (for a client that shows no images, and for whoever wants the
numbers); tiles the browser draws itself become tables: a KPI card its first measure and
the change against the previous period, a table or pivot its rows (at most MAX_ROWS, then
the totals); a widget (reports/widgets/) its content as a list of lines, shortcuts not at
all. The images sit in the HTML as `data:` URIs, which the email channel sends as
inline parts (cid:) and other channels ignore; past IMAGE_BUDGET characters of them, or a body
past MAX_HTML, a chart is left out and its table stays (then tables are cut to 10 rows).

    build(runtime, app, key, actor, values=None, lang="zh") -> Snapshot"""
from __future__ import annotations

import base64
import html
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ..kernel.errors import TrellisError
from . import chart_png
from .chart_type import _text
from .figures import OTHER
from .widgets import widget_of

log = logging.getLogger(__name__)

MAX_ROWS = 50          # rows of a table in the mail
TEXT_ROWS = 12         # rows of a table in the text
IMAGE_BUDGET = 600_000  # characters of base64 images in one body (a template renders at most 1,000,000)
WORDS = {
    "zh": {"updated": "数据更新于", "total": "合计", "other": "其他", "empty": "(空)", "previous": "上期",
           "change": "较上期", "open": "查看仪表盘", "more": "仅显示前 {n} 行,共 {total} 行",
           "failed": "此图块暂时无法计算", "no_image": "图表未附上,数据见下表", "nothing": "没有可查看的图块", "none": "暂无"},
    "en": {"updated": "Figures as of", "total": "Total", "other": "Other", "empty": "(empty)", "previous": "previous",
           "change": "vs previous", "open": "Open the dashboard", "more": "first {n} of {total} rows",
           "failed": "this tile could not be computed", "no_image": "chart left out: see the figures below",
           "nothing": "no tile to show", "none": "nothing yet"},
}
TABLE = 'border="1" cellpadding="5" cellspacing="0" style="border-collapse:collapse;border-color:#e5e7eb;font-size:13px;margin-top:8px"'
MAX_HTML = 950_000      # characters of the body: what a notification template renders at most, less a margin


@dataclass
class Image:
    name: str     # file name (tile id)
    data: bytes   # PNG


@dataclass
class Snapshot:
    subject: str
    html: str
    text: str
    images: list[Image] = field(default_factory=list)
    tiles: list[dict] = field(default_factory=list)   # {"id", "title", "chart", "image": bool, "data"}
    fresh_at: str | None = None
    took_ms: float = 0.0


def merged_values(body: dict, given: dict | None) -> dict:
    """The dashboard's filter defaults, overridden by `given` (a null value: not filtered)."""
    out = {f["id"]: f["default"] for f in body.get("filters") or [] if f.get("default") not in (None, [], "")}
    out.update(given or {})
    return out


def build(rt, app: str, key: str, actor, values: dict | None = None, lang: str = "zh") -> Snapshot:
    started = time.perf_counter()
    lang = lang if lang in WORDS else "zh"
    words = WORDS[lang]
    body, _version = rt.dashboards.definition(app, key)
    given = merged_values(body, values)
    tiles = []
    for t in sorted(body["tiles"], key=lambda t: (t["y"], t["x"])):
        if "widget" in t:
            tiles += _widget_tile(rt, app, t, actor, lang)
            continue
        found = rt.store.published(app, "report", t["report"])
        if found is None or not rt.reports.readable(app, found[0], actor):
            continue
        title = _text(t.get("title") or found[0].get("label"), lang) or t["id"]
        try:
            answer = rt.dashboards.tile(app, key, t["id"], actor, given, lang)
        except TrellisError as e:  # a domain refusal (a changed form): the others still go out
            log.warning("dashboard %s/%s tile %s: %s", app, key, t["id"], e.message.get("en"))
            tiles.append({"id": t["id"], "title": title, "chart": None, "image": False, "data": None})
            continue
        tiles.append({"id": t["id"], "title": title, "chart": answer["chart"], "spec": answer.get("spec"),
                      "data": answer["data"], "image": False})
    images, budget = [], IMAGE_BUDGET
    for tile in tiles:
        spec = tile.pop("spec", None)
        if not spec:
            continue
        try:
            data = chart_png.png(spec)
        except (ValueError, RuntimeError) as e:  # a spec vl-convert cannot draw: its table stays
            log.warning("dashboard %s/%s tile %s: the chart could not be drawn: %s", app, key, tile["id"], e)
            continue
        size = (len(data) + 2) // 3 * 4
        if size > budget:
            tile["left_out"] = True
            continue
        budget -= size
        tile["image"] = True
        tile["png"] = data
        images.append(Image(tile["id"], data))
    stamps = [t["data"]["fresh_at"] for t in tiles if t["data"] and t["data"].get("fresh_at")]
    fresh = max(stamps) if stamps else None
    when = _when(fresh, rt)
    label = _text(body.get("label"), lang) or key
    today = rt.clock.now().astimezone(ZoneInfo(rt.timezone)).date().isoformat()
    link = f"{rt.notify.base(rt.notify.routing(app)).rstrip('/')}/apps/{app}/dashboards/{key}"
    body_html = _html(label, tiles, when, link, words, lang)
    while len(body_html) > MAX_HTML and images:  # past what a message renders: the last charts go first
        last = next(t for t in reversed(tiles) if t.get("png"))
        last.update(png=None, image=False, left_out=True)
        images = [i for i in images if i.name != last["id"]]
        body_html = _html(label, tiles, when, link, words, lang)
    if len(body_html) > MAX_HTML:  # then shorter tables
        body_html = _html(label, tiles, when, link, words, lang, limit=10)
    out = Snapshot(subject=f"{label} · {today}", html=body_html,
                   text=_plain_text(label, tiles, when, link, words, lang), images=images, fresh_at=fresh)
    out.tiles = [{k: v for k, v in t.items() if k != "png"} for t in tiles]
    out.took_ms = round((time.perf_counter() - started) * 1000, 1)
    return out


def _widget_tile(rt, app: str, t: dict, actor, lang: str) -> list[dict]:
    """A widget as a list of lines (its content for the reader), or nothing: shortcuts and
    other widgets that only make sense in the app."""
    widget = widget_of(t)
    if widget is None or not widget.in_snapshot:
        return []
    title = _text(t.get("title"), lang) or widget.label[1 if lang == "en" else 0]
    try:
        lines = widget.lines(widget.data(rt, app, t["widget"], actor, lang), lang)
    except TrellisError as e:
        log.warning("dashboard %s tile %s: %s", app, t["id"], e.message.get("en"))
        return [{"id": t["id"], "title": title, "chart": None, "image": False, "data": None}]
    return [{"id": t["id"], "title": title, "chart": "widget", "image": False, "data": None, "lines": lines}]


# -- what a figure reads ------------------------------------------------------------------------
def figure(value, fmt: str | None, lang: str, compact: bool = False) -> str:
    """A measure's figure as the web UI writes it: in full in tables (two decimals at most),
    compact with 万 / 亿 (K / M / B) on a card; a percent's fraction as a percentage."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return "—"
    if fmt == "percent":
        return f"{value * 100:,.1f}".rstrip("0").rstrip(".") + "%"
    body = _compact(abs(value), lang) if compact else _grouped(abs(value))
    sign = "-" if value < 0 and body != "0" else ""
    return f"{sign}¥{body}" if fmt == "money" else f"{sign}{body}"


def _grouped(n: float) -> str:
    text = f"{round(n, 2):,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _compact(n: float, lang: str) -> str:
    units = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")] if lang == "zh" else [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
    for size, unit in units:
        if round(n, 2) >= size:
            return f"{_grouped(n / size)}{unit}"
    return _grouped(n)


def cell(column: dict, value, lang: str) -> str:
    """A dimension's value by its label (其他, (空)), a measure's as a figure."""
    if column["kind"] == "measure":
        return figure(value, column.get("format"), lang)
    words = WORDS[lang]
    if value is None or value == "":
        return words["empty"]
    if value == OTHER:
        return words["other"]
    labels = column.get("labels") or {}
    label = labels.get(value, labels.get(str(value)))
    return _text(label, lang) if label else str(value)


def change(data: dict, measure: dict) -> tuple[str | None, float | None]:
    """(arrow and percentage against the previous period, the previous figure)."""
    before = ((data.get("previous") or {}).get("totals") or {}).get(measure["id"])
    now = (data.get("totals") or {}).get(measure["id"])
    if not isinstance(now, (int, float)) or not isinstance(before, (int, float)) or before == 0:
        return None, before
    ratio = (now - before) / abs(before)
    arrow = "↑" if ratio > 0 else "↓" if ratio < 0 else "→"
    return f"{arrow} {figure(abs(ratio), 'percent', 'en')}", before


def _when(fresh: str | None, rt) -> str:
    if not fresh:
        return ""
    return datetime.fromisoformat(fresh).astimezone(ZoneInfo(rt.timezone)).strftime("%Y-%m-%d %H:%M")


# -- HTML ---------------------------------------------------------------------------------------
def _html(label: str, tiles: list[dict], when: str, link: str, words: dict, lang: str,
          limit: int = MAX_ROWS) -> str:
    e = html.escape
    parts = [f'<div style="font-family:Arial,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;color:#1f2937;'
             f'max-width:680px">',
             f'<h2 style="margin:0 0 4px;font-size:20px">{e(label)}</h2>',
             f'<p style="margin:0 0 16px;color:#6b7280;font-size:12px">{e(words["updated"])} {e(when)}</p>']
    if not tiles:
        parts.append(f"<p>{e(words['nothing'])}</p>")
    for tile in tiles:
        parts.append(f'<h3 style="margin:20px 0 8px;font-size:16px">{e(tile["title"])}</h3>')
        data = tile["data"]
        if tile.get("chart") == "widget":
            parts.append(_lines_html(tile["lines"], words))
            continue
        if data is None:
            parts.append(f'<p style="color:#b91c1c">{e(words["failed"])}</p>')
            continue
        if tile["chart"] == "kpi":
            parts.append(_kpi_html(data, words, lang))
            continue
        if tile.get("png"):
            encoded = base64.b64encode(tile["png"]).decode("ascii")
            parts.append(f'<img src="data:image/png;base64,{encoded}" alt="{e(tile["title"])}" '
                         f'width="{chart_png.WIDTH}" style="display:block;max-width:100%;height:auto">')
        elif tile.get("left_out"):
            parts.append(f'<p style="color:#6b7280;font-size:12px">{e(words["no_image"])}</p>')
        parts.append(_table_html(data, words, lang, limit))
    parts.append(f'<p style="margin-top:24px;font-size:13px"><a href="{e(link)}">{e(words["open"])}</a></p></div>')
    return "\n".join(parts)


def _lines_html(lines: list[str], words: dict) -> str:
    e = html.escape
    if not lines:
        return f'<p style="color:#6b7280;font-size:13px">{e(words["none"])}</p>'
    return '<ul style="margin:0;padding-left:20px;font-size:13px">' + "".join(f"<li>{e(x)}</li>" for x in lines) + "</ul>"


def _kpi_html(data: dict, words: dict, lang: str) -> str:
    e = html.escape
    measure = next((c for c in data["columns"] if c["kind"] == "measure"), None)
    if measure is None:
        return ""
    value = (data.get("totals") or {}).get(measure["id"])
    moved, before = change(data, measure)
    colour = "#15803d" if moved and moved.startswith("↑") else "#b91c1c" if moved and moved.startswith("↓") else "#6b7280"
    out = [f'<table role="presentation" style="border-collapse:collapse"><tr><td style="padding:4px 0">',
           f'<div style="color:#6b7280;font-size:13px">{e(_text(measure.get("label"), lang) or measure["id"])}</div>',
           f'<div style="font-size:28px;font-weight:bold" title="{e(figure(value, measure.get("format"), lang))}">'
           f'{e(figure(value, measure.get("format"), lang, compact=True))}</div>']
    if data.get("previous"):
        shown = f"{words['previous']} {figure(before, measure.get('format'), lang, compact=True)}"
        out.append(f'<div style="font-size:13px"><span style="color:{colour}">{e(words["change"])} {e(moved or "—")}'
                   f'</span> <span style="color:#6b7280">({e(shown)})</span></div>')
    out.append("</td></tr></table>")
    return "".join(out)


def _table_html(data: dict, words: dict, lang: str, limit: int = MAX_ROWS) -> str:
    e = html.escape
    columns, rows = data["columns"], data["rows"]
    align = [' align="left"' if c["kind"] == "dimension" else ' align="right"' for c in columns]
    head = "".join(f'<th{a} bgcolor="#f3f4f6">{e(_text(c.get("label"), lang) or c["id"])}</th>'
                   for c, a in zip(columns, align))
    body = ["<tr>" + "".join(f"<td{a}>{e(cell(c, v, lang))}</td>" for c, v, a in zip(columns, row, align)) + "</tr>"
            for row in rows[:limit]]
    if any(c["kind"] == "dimension" for c in columns) and rows and data.get("totals"):
        body.append("<tr>" + "".join(
            f"<td{a}><b>{e(figure(data['totals'].get(c['id']), c.get('format'), lang) if c['kind'] == 'measure' else (words['total'] if i == 0 else ''))}</b></td>"
            for i, (c, a) in enumerate(zip(columns, align))) + "</tr>")
    out = (f'<table {TABLE}><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
    if len(rows) > limit:
        out += f'<p style="color:#6b7280;font-size:12px">{e(words["more"].format(n=limit, total=len(rows)))}</p>'
    return out


# -- text ---------------------------------------------------------------------------------------
def _plain_text(label: str, tiles: list[dict], when: str, link: str, words: dict, lang: str) -> str:
    lines = [label, f"{words['updated']} {when}", ""]
    if not tiles:
        lines.append(words["nothing"])
    for tile in tiles:
        data = tile["data"]
        if tile.get("chart") == "widget":
            lines += [f"【{tile['title']}】"] + [f"  · {x}" for x in tile["lines"]] + ([f"  {words['none']}"] if not tile["lines"] else []) + [""]
            continue
        if data is None:
            lines += [f"【{tile['title']}】{words['failed']}", ""]
            continue
        measures = [c for c in data["columns"] if c["kind"] == "measure"]
        if tile["chart"] == "kpi" and measures:
            m = measures[0]
            moved, before = change(data, m)
            line = f"【{tile['title']}】{_text(m.get('label'), lang) or m['id']} " \
                   f"{figure((data.get('totals') or {}).get(m['id']), m.get('format'), lang, compact=True)}"
            if data.get("previous"):
                line += f"({words['change']} {moved or '—'},{words['previous']} " \
                        f"{figure(before, m.get('format'), lang, compact=True)})"
            lines += [line, ""]
            continue
        lines.append(f"【{tile['title']}】")
        columns = data["columns"]
        for row in data["rows"][:TEXT_ROWS]:
            dims = [cell(c, v, lang) for c, v in zip(columns, row) if c["kind"] == "dimension"]
            figs = [f"{_text(c.get('label'), lang) or c['id']} {cell(c, v, lang)}"
                    for c, v in zip(columns, row) if c["kind"] == "measure"]
            lines.append(f"  {' / '.join(dims)}{': ' if dims else ''}{' · '.join(figs)}")
        if len(data["rows"]) > TEXT_ROWS:
            lines.append(f"  … {words['more'].format(n=TEXT_ROWS, total=len(data['rows']))}")
        lines.append("")
    lines.append(f"{words['open']}: {link}")
    return "\n".join(lines)
