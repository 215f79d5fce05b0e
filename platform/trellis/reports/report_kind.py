"""The `report` kind of definition (metadata/report.schema.json). Saving a draft checks the
meta-schema and the report's own shape (measure ids unique and apart from the dimensions, a
formula naming only measures, a sort naming a dimension or a measure); publishing also
checks it against the app: the form is published, the fields exist (a relation path's on
the related form), a period groups a date and a comparison runs over one, a sum or an
average takes a number. A viewer's own rights are applied when it runs."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid, bilingual
from ..logic import rule_vars
from ..meta.kind import DefinitionKind

NUMERIC = ("sum", "avg", "median", "percentile")
IDS = ("relation", "user", "department")  # numbers that are ids: counted, never summed
COMPUTED = ("formula", "rollup", "lookup")


def problem(pointer: str, code: str, zh: str, en: str) -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}")}


class ReportKind(DefinitionKind):
    key = "report"
    label = ("报表", "report")

    def __init__(self, registries):
        self.registries = registries

    def _number(self, type_key: str) -> bool:
        if type_key in COMPUTED:  # its kind follows its expression: checked when it runs
            return True
        if type_key in IDS or type_key not in self.registries.field_types:
            return False
        return getattr(self.registries.field_types.get(type_key), "sql_kind", None) == "number"

    def problems(self, body, field_types) -> list[dict]:
        found = super().problems(body, field_types)
        if found or not isinstance(body, dict):
            return found
        dims = [d["field"] for d in body.get("dimensions") or []]
        out = [problem(f"/dimensions/{i}", "duplicate", f"维度 {f} 重复", f"dimension {f} is given twice")
               for i, f in enumerate(dims) if f in dims[:i]]
        cols = [c["id"] for c in body.get("columns") or []]
        out += [problem(f"/columns/{i}/id", "duplicate", f"公式列 {c} 重复", f"formula column {c} is given twice")
                for i, c in enumerate(cols) if c in cols[:i]]
        ids: list[str] = []
        for i, m in enumerate(body["measures"]):
            if m["id"] in ids or m["id"] in dims:
                out.append(problem(f"/measures/{i}/id", "duplicate", f"指标标识 {m['id']} 重复",
                                    f"measure id {m['id']} is used twice"))
            if "formula" in m:
                unknown = sorted(v for v in rule_vars(m["formula"]) if v not in ids)
                if unknown:
                    out.append(problem(f"/measures/{i}/formula", "unknown_measure",
                                        f"公式引用了前面没有的指标 {'、'.join(unknown)}",
                                        f"the formula names measures not defined before it: {', '.join(unknown)}"))
            elif m["agg"] != "count" and not m.get("field"):
                out.append(problem(f"/measures/{i}/field", "required", f"{m['agg']} 需要字段",
                                    f"{m['agg']} needs a field"))
            elif (m["agg"] == "percentile") != ("p" in m):
                out.append(problem(f"/measures/{i}/p", "percentile", "百分位指标需要 p(且只有它需要)",
                                    "a percentile measure needs p (and only it has one)"))
            ids.append(m["id"])
        if not any("agg" in m for m in body["measures"]):
            out.append(problem("/measures", "no_aggregate", "至少要有一个统计指标(公式只能基于它们)",
                                "at least one measure aggregates (formulas work on them)"))
        for i, d in enumerate(body.get("dimensions") or []):
            if d.get("top") and (d.get("bucket") or any(e.get("top") for e in body["dimensions"][:i])):
                out.append(problem(f"/dimensions/{i}/top", "top", "只有一个维度可取前 N 名,且不能是日期周期",
                                    "only one dimension keeps a top N, and not a period"))
        shown = (body.get("chart") or {}).get("measure")
        if shown is not None and shown not in ids:
            out.append(problem("/chart/measure", "unknown_measure", f"图表的指标 {shown} 不是报表的指标",
                                f"the chart's measure {shown} is not one of the report's"))
        for axis in ("rows", "columns"):
            for j, name in enumerate((body.get("chart") or {}).get(axis) or []):
                if name not in dims:
                    out.append(problem(f"/chart/{axis}/{j}", "unknown_dimension", f"透视表的 {name} 不是维度",
                                        f"the pivot's {name} is not a dimension"))
        out += self._chart_problems(body, len(dims), len(ids))
        for i, s in enumerate(body.get("sort") or []):
            if s["by"] not in dims and s["by"] not in ids:
                out.append(problem(f"/sort/{i}/by", "unknown_column", f"排序列 {s['by']} 不是维度或指标",
                                    f"sort column {s['by']} is not a dimension or a measure"))
        return out

    def _chart_problems(self, body: dict, dims: int, measures: int) -> list[dict]:
        """The chart type exists and can show this many dimensions and measures."""
        key = (body.get("chart") or {}).get("type")
        if key is None:
            return []
        if key not in self.registries.chart_types:
            known = sorted(self.registries.chart_types)
            return [problem("/chart/type", "unknown_chart", f"没有图表类型 {key}(可用:{'、'.join(known)})",
                             f"there is no chart type {key} (known: {', '.join(known)})")]
        kind = self.registries.chart_types.get(key)
        (dlo, dhi), (mlo, mhi) = kind.dimensions, kind.measures
        if not (dlo <= dims <= dhi and mlo <= measures <= mhi):
            zh, en = kind.label["zh"], kind.label["en"]
            return [problem("/chart/type", "chart_shape", f"{zh}需要 {dlo}–{dhi} 个维度和 {mlo}–{mhi} 个指标",
                             f"a {en} chart shows {dlo}-{dhi} dimensions and {mlo}-{mhi} measures")]
        return []

    def publish(self, conn, app, body, previous, store):
        self.check(body)
        found = store.published(app, "form", body["form"], conn)
        if found is None:
            raise DefinitionInvalid([problem("/form", "unknown_form", f"表单 {body['form']} 不存在或未发布",
                                              f"form {body['form']} does not exist or is not published")])
        types = _types(found[0])
        for i, c in enumerate(body.get("columns") or []):
            if c["id"] in types:
                out_cols = [problem(f"/columns/{i}/id", "duplicate", f"公式列 {c['id']} 与表单字段同名",
                                     f"formula column {c['id']} has the name of a field of the form")]
                raise DefinitionInvalid(out_cols)
            unknown = sorted(v for v in rule_vars(c["formula"]) if v not in types and "." not in v)
            if unknown:
                raise DefinitionInvalid([_unknown(f"/columns/{i}/formula", body["form"], unknown[0])])
        for c in body.get("columns") or []:
            types[c["id"]] = "formula"
        for name in _paths(body):
            head, _, rest = name.partition(".")
            target = next((f.get("target") for f in found[0].get("fields", [])
                           if f["id"] == head and f["type"] == "relation"), None)
            related = store.published(app, "form", target, conn) if target else None
            if related is not None and rest in _types(related[0]):
                types[name] = _types(related[0])[rest]
        out = []
        for i, d in enumerate(body.get("dimensions") or []):
            if d["field"] not in types:
                out.append(_unknown(f"/dimensions/{i}/field", body["form"], d["field"]))
            elif d.get("bucket") and types[d["field"]] not in ("date", "datetime"):
                out.append(problem(f"/dimensions/{i}/bucket", "not_a_date", f"字段 {d['field']} 不是日期,不能按周期分组",
                                    f"field {d['field']} is not a date: it cannot be grouped by period"))
        for i, m in enumerate(body["measures"]):
            field = m.get("field")
            if field is not None and field not in types:
                out.append(_unknown(f"/measures/{i}/field", body["form"], field))
            elif field is not None and m.get("agg") in NUMERIC and not self._number(types[field]):
                out.append(problem(f"/measures/{i}/field", "not_a_number", f"字段 {field} 不是数值,不能做{m['agg']}统计",
                                    f"field {field} is not a number: it cannot be {m['agg']}-aggregated"))
        compare = body.get("compare")
        if compare and types.get(compare["field"]) not in ("date", "datetime"):
            out.append(problem("/compare/field", "not_a_date", f"字段 {compare['field']} 不是日期,不能按周期对比",
                                f"field {compare['field']} is not a date: periods cannot be compared on it"))
        if out:
            raise DefinitionInvalid(out)
        return body


def _types(form: dict) -> dict:
    """Field id -> type of a published form, its system fields included."""
    types = {f["id"]: f["type"] for f in form.get("fields", []) if not f.get("deleted")}
    types.update(id="relation", version="integer", created_at="datetime", updated_at="datetime",
                 created_by="user", updated_by="user")
    return types


def _paths(body: dict) -> set[str]:
    named = [d["field"] for d in body.get("dimensions") or []] + [m["field"] for m in body["measures"] if m.get("field")]
    return {n for n in named if "." in n}


def _unknown(path: str, form: str, field: str) -> dict:
    return problem(path, "unknown_field", f"表单 {form} 没有字段 {field}", f"form {form} has no field {field}")
