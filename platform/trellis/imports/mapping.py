"""Which column of the file goes to which field: the automatic guess shown by the wizard,
and the check of the mapping a run is started with.

Auto-mapping, per column, first match wins: the template's hidden `_fields` sheet (by
"id"), a saved mapping the user picked (by "saved"), the field id (by "id"), the zh or en
label (by "label"), any saved mapping of the form holding that header (by "saved").
Header texts and labels are compared trimmed, case-insensitive, full-width forms as
ASCII, inner spaces and a trailing required mark "*" ignored. A field is given to one
column at most; fields the user may not write are never offered.

A mapping is `{column index: field id}`; every problem with it is reported at once, in
Chinese and English, naming the column (letter and header) and the field (HTTP 422).
"""
from __future__ import annotations

import re

from ..kernel.errors import BadRequest, ValidationFailed, bilingual
from ..sheets.headers import label_key
from ..sheets.reader import col_letter

MODES = ("insert", "upsert", "update")
ON_ERROR = ("all", "skip")


def normalize(text) -> str:
    """A header or label as compared (the sheets' `label_key`): full-width forms as ASCII,
    no spaces, lower case, without a required mark ("*", "＊", "(必填)")."""
    return label_key(str(text if text is not None else ""))


def _labels(t) -> tuple[str, str]:
    lab = t.field.get("label") or {}
    return lab.get("zh") or t.id, lab.get("en") or lab.get("zh") or t.id


def importable(service) -> list:
    """The fields `service.actor` may import into: column fields made by people (not
    generated, of a type whose `importable` trait is true, not hidden or read-only in the form),
    visible to the actor and writable on create or on update."""
    access = service.access
    create = access.writable("create") if access.allowed("create") else set()
    update = access.writable("update") if access.allowed("update") else set()
    out = []
    for t in service.form.active:
        if not importable_kind(t):
            continue
        if not access.unrestricted and t.id not in (create | update):
            continue
        out.append(t)
    return out


def importable_kind(t) -> bool:
    """Whether values of this field can come from a spreadsheet cell at all."""
    f = t.field
    return t.has_column and not t.generated and t.importable and not f.get("hidden") \
        and not f.get("readonly")


def field_json(t) -> dict:
    zh, en = _labels(t)
    return {"id": t.id, "label": {"zh": zh, "en": en}, "type": t.key,
            "required": bool(t.field.get("required")), "unique": bool(t.field.get("unique"))}


def auto_map(fields: list, headers: list[str], *, template=None, chosen: dict | None = None,
             saved: list[dict] = ()) -> list[dict]:
    """[{column, header, field, by}] for every column (see the module docstring).
    `template`: the book's TemplateInfo (field ids by the template's own headers, so
    columns the user moved still match), or a plain list of field ids in column order."""
    template_ids, by_template = None, {}
    if template is not None and hasattr(template, "field_ids"):
        by_template = {normalize(h): fid for h, fid in zip(template.headers, template.field_ids)}
        template_ids = template.field_ids
    elif template is not None:
        template_ids = list(template)
    by_id = {t.id.lower(): t.id for t in fields}
    by_label: dict[str, str] = {}
    for t in fields:
        for text in _labels(t):
            by_label.setdefault(normalize(text), t.id)
    ids = {t.id for t in fields}
    taken: set[str] = set()
    out = []
    for col, header in enumerate(headers):
        key = normalize(header)
        candidates = []
        if by_template:
            candidates.append((by_template.get(key), "id"))
        if template_ids and col < len(template_ids):
            candidates.append((template_ids[col], "id"))
        if chosen:
            candidates.append((_saved_field(chosen, header, key), "saved"))
        candidates.append((by_id.get(str(header or "").strip().lower()), "id"))
        candidates.append((by_label.get(key), "label"))
        for m in saved:
            candidates.append((_saved_field(m, header, key), "saved"))
        field, by = None, None
        for fid, how in candidates:
            if key and fid in ids and fid not in taken:
                field, by = fid, how
                break
        if field:
            taken.add(field)
        out.append({"column": col, "header": header, "field": field, "by": by})
    return out


def _saved_field(saved: dict, header: str, key: str) -> str | None:
    mapping = saved.get("mapping") or {}
    if header in mapping:
        return mapping[header]
    for h, fid in mapping.items():
        if normalize(h) == key:
            return fid
    return None


# -- checking a mapping -----------------------------------------------------------------

def _where(col: int, headers: list[str], letters: list[str] | None = None) -> tuple[str, str]:
    letter = letters[col] if letters and 0 <= col < len(letters) else col_letter(col)
    header = headers[col] if 0 <= col < len(headers) else ""
    return (f"第 {letter} 列「{header}」", f"column {letter} ({header})") if header else \
        (f"第 {letter} 列", f"column {letter}")


def _err(code: str, zh: str, en: str, *, column: int | None = None, field: str | None = None) -> dict:
    out = {"code": code, "message": bilingual(zh, en)}
    if field is not None:
        out["field"] = field
    if column is not None:
        out["column"] = column
    return out


def parse_mapping(raw, headers: list[str], letters: list[str] | None = None) -> dict[int, str]:
    """The request's mapping {"<column index>": field id}, also given as a list of
    (key, value) pairs (the JSON object as written, so a key written twice is seen).
    Empty values mean "not imported". Raises ValidationFailed naming each bad column."""
    pairs = raw if isinstance(raw, list) else list(raw.items()) if isinstance(raw, dict) else None
    if pairs is None:
        raise BadRequest("mapping 必须是对象 {列序号: 字段}", "mapping must be an object {column index: field id}",
                         code="malformed")
    errors, out, seen = [], {}, {}
    for key, fid in pairs:
        text = str(key).strip()
        if not re.fullmatch(r"[0-9]+", text) or int(text) >= len(headers):
            errors.append(_err("bad_column", f"列序号“{key}”不存在(文件共 {len(headers)} 列)",
                               f"column index “{key}” does not exist (the file has {len(headers)} columns)"))
            continue
        col = int(text)
        if fid in (None, ""):
            seen.setdefault(col, None)
            continue
        if not isinstance(fid, str):
            errors.append(_err("bad_field", "字段必须是字段标识", "the field must be a field id", column=col))
            continue
        if col in seen:
            zh, en = _where(col, headers, letters)
            errors.append(_err("column_twice", f"{zh}被映射了两次(“{seen[col] or '不导入'}”和“{fid}”)",
                               f"{en} is mapped twice (“{seen[col] or 'not imported'}” and “{fid}”)",
                               column=col, field=fid))
            continue
        seen[col] = fid
        out[col] = fid
    if errors:
        raise ValidationFailed(errors)
    return out


def check(service, headers: list[str], mapping: dict[int, str], mode: str, keys: list[str],
          letters: list[str] | None = None) -> list[str]:
    """Check a mapping for a run in `mode` with `keys`; returns the keys to use.
    Raises Forbidden when the mode's action is not allowed, ValidationFailed listing
    every problem (each naming the column and / or the field) otherwise."""
    if mode not in MODES:
        raise ValidationFailed([_err("bad_mode", f"导入方式“{mode}”无效,应为 insert、upsert 或 update",
                                     f"invalid mode “{mode}”: insert, upsert or update")])
    access = service.access
    for action in (("create",) if mode == "insert" else ("update",) if mode == "update" else ("create", "update")):
        access.require(action)
    form = service.form
    writable = {}
    for action in ("create", "update"):
        allowed = access.writable(action) if access.allowed(action) else set()
        writable[action] = allowed
    need = {"insert": ("create",), "update": ("update",), "upsert": ("create", "update")}[mode]
    keys = list(dict.fromkeys(keys or [])) if mode != "insert" else []
    errors, by_field = [], {}
    if not mapping:
        errors.append(_err("nothing_mapped", "没有任何列映射到字段", "no column is mapped to a field"))
    for col, fid in sorted(mapping.items()):
        zh, en = _where(col, headers, letters)
        t = form.field(fid)
        if t is None or not access.can_see(fid):
            errors.append(_err("unknown_field", f"{zh}映射到了不存在的字段“{fid}”",
                               f"{en} is mapped to an unknown field “{fid}”", column=col, field=fid))
            continue
        fz, fe = _labels(t)
        if fid in by_field:
            oz, oe = _where(by_field[fid], headers, letters)
            errors.append(_err("field_twice", f"字段“{fz}”被映射了两次:{oz}和{zh}",
                               f"field “{fe}” is mapped twice: {oe} and {en}", column=col, field=fid))
            continue
        by_field[fid] = col
        if not importable_kind(t):
            errors.append(_err("not_importable", f"{zh}:字段“{fz}”({_kind(t)})不能导入",
                               f"{en}: field “{fe}” ({t.key}) cannot be imported", column=col, field=fid))
            continue
        key_only = mode == "update" and fid in keys
        for action in need:
            if key_only or access.unrestricted or fid in writable[action]:
                continue
            what = ("新建", "create") if action == "create" else ("修改", "update")
            errors.append(_err("readonly", f"{zh}:你无权在{what[0]}时填写字段“{fz}”",
                               f"{en}: you may not set field “{fe}” when you {what[1]} records",
                               column=col, field=fid))
            break
    if mode in ("insert", "upsert"):
        defaulted = {fid for fid, _ in form.defaults} | set(form.current_user_defaults)
        for fid in form.json_schema["required"]:
            if fid not in by_field and fid not in defaulted:
                fz, fe = _labels(form.fields[fid])
                errors.append(_err("required_unmapped", f"必填字段“{fz}”没有对应的列",
                                   f"required field “{fe}” is not mapped to a column", field=fid))
    if mode in ("upsert", "update"):
        if not keys:
            errors.append(_err("keys_missing", "更新或合并导入需要指定至少一个匹配字段(键)",
                               "an update or upsert needs at least one key field to match records by"))
        for fid in keys:
            t = form.field(fid) if isinstance(fid, str) else None
            if t is None or not access.can_see(fid):
                errors.append(_err("unknown_key", f"匹配字段“{fid}”不存在", f"key field “{fid}” does not exist",
                                   field=str(fid)))
                continue
            fz, fe = _labels(t)
            if not t.import_key or not t.has_column:
                errors.append(_err("bad_key", f"字段“{fz}”({_kind(t)})不能作为匹配字段",
                                   f"field “{fe}” ({t.key}) cannot be a key", field=fid))
            elif fid not in by_field:
                errors.append(_err("key_unmapped", f"匹配字段“{fz}”没有对应的列",
                                   f"key field “{fe}” is not mapped to a column", field=fid))
    if errors:
        raise ValidationFailed(errors)
    return keys


def _kind(t) -> str:
    return (getattr(t, "label", None) or {}).get("zh") or t.key


def check_options(mode, on_error, dry_run) -> None:
    errors = []
    if on_error not in ON_ERROR:
        errors.append(_err("bad_on_error", f"出错处理方式“{on_error}”无效,应为 all(全部或全不)或 skip(跳过错误行)",
                           f"invalid on_error “{on_error}”: all (all or nothing) or skip (import the valid rows)"))
    if not isinstance(dry_run, bool):
        errors.append(_err("bad_dry_run", "dry_run 必须是 true 或 false", "dry_run must be true or false"))
    if errors:
        raise ValidationFailed(errors)
