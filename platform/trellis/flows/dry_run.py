"""Dry runs: which runs a flow (a draft or a published version) would have started over a
past window, why, and what each would have done, with no side effect at all.

`dry_run(runtime, app, body, *, start, end, record_id=None, limit=200)` (start / end:
naive server-local datetimes, the window [start, end)):
- record triggers (record_created / record_updated / record_deleted / field_changed /
  threshold): the writes of the window are replayed from the audit log (flows/replay.py:
  each record's state before and after each write, bulk-loaded records as created at
  their `created_at`); the trigger type's own `fires` decides, except a threshold, whose
  armed state is kept per record through the replay, starting from whether its condition
  held at the window's start (a crossing fires, a record staying above does not, falling
  back re-arms it);
- date-relative triggers: the records whose date field, shifted by the offset, falls in
  the window, with the value the field held then;
- schedules: the fire times in the window (croniter on the instance zone's wall clock),
  with one run per record where the schedule's condition held at that time when the
  flow names a form;
- `record_id`: "test run against this record": the trigger as if the record had fired it
  just now (the window ignored), reported whether or not the conditions hold.

For each start the entry condition (and a threshold's or a schedule's condition) is
explained clause by clause (logic/explain.py, with the form's labels) and the body is
walked (flows/dry_walk.py): each node `describe`s what it would do, no node runs. All
reads happen in one transaction that is rolled back; nothing is written or sent.

The report: {"trigger", "from", "to", "evaluated" (writes / dates / fires looked at),
"fired" (runs that would start), "held_back" (trigger fired, condition or cap said no),
"items": [{"record_id", "title", "at", "event", "info", "passed", "explanation" {zh, en},
"clauses": [...], "actions": [{"node", "type", "label", "would"}]}], "truncated"}.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from ..kernel.errors import BadRequest, NotFound
from ..logic import LogicError, evaluate, truthy
from ..logic.explain import explain
from ..logic.moment import logic_time
from . import replay as history
from .calendar import to_local
from .dry_walk import actions
from .structure import check_flow
from .triggers.date_relative import due_at
from .triggers.schedule import next_fire

MAX_FIRES = 5000
SYSTEM_LABELS = {"id": {"zh": "编号", "en": "ID"}, "created_at": {"zh": "创建时间", "en": "Created"},
                 "updated_at": {"zh": "修改时间", "en": "Updated"}}


def dry_run(runtime, app: str, body: dict, *, start: datetime, end: datetime, record_id=None,
            limit: int = 200) -> dict:
    dry = DryRun(runtime, app, body, limit)
    with runtime.engine.connect() as conn:
        tx = conn.begin()
        try:
            if record_id is not None:
                dry.test_record(conn, record_id)
            elif dry.key == "date_relative":
                dry.dates(conn, start, end)
            elif dry.key == "schedule":
                dry.schedule(conn, start, end)
            elif dry.kind.events and dry.form is not None:
                dry.writes(conn, start, end)
            else:
                dry.note = {"zh": f"“{dry.kind.label['zh']}”不由记录或时间触发,无法按历史回放;可对一条记录试运行",
                            "en": f"“{dry.kind.label['en']}” is not started by records or time and cannot be "
                                  "replayed; test it against a record"}
        finally:
            tx.rollback()
    return dry.report(start, end)


def _iso(at) -> str | None:
    return at.isoformat(timespec="seconds") if isinstance(at, datetime) else at


class DryRun:
    def __init__(self, runtime, app: str, body: dict, limit: int):
        if not isinstance(body, dict):
            raise BadRequest("流程定义应为对象", "the flow definition is an object", code="malformed")
        self.runtime, self.app, self.body = runtime, app, body
        self.limit = max(1, int(limit or 200))
        regs = runtime.registries
        self.node_types = regs.node_types
        bad = [p for p in check_flow(body, regs.node_types, regs.triggers)
               if p["pointer"].split("/")[1:2] in (["trigger"], ["form"], ["condition"])]
        if bad:
            raise BadRequest(f"无法试运行:{bad[0]['message']['zh']}", f"cannot dry-run: {bad[0]['message']['en']}",
                             code=bad[0]["code"], details={"pointer": bad[0]["pointer"]})
        self.trigger = body["trigger"]
        self.key = self.trigger["type"]
        self.kind = regs.triggers.get(self.key)()
        self.form = runtime.form(app, body["form"]) if body.get("form") else None
        self.labels, self.options = self._labels()
        self.items: list[dict] = []
        self.evaluated = self.fired = self.held_back = 0
        self.truncated = False
        self.note = None
        self.starts: dict[int, list] = {}

    def _labels(self) -> tuple[dict, dict]:
        labels, options = dict(SYSTEM_LABELS), {}
        for t in self.form.active if self.form is not None else ():
            label = t.field.get("label") or {}
            labels[t.id] = {"zh": label.get("zh") or t.id, "en": label.get("en") or label.get("zh") or t.id,
                            "type": t.key}
            opts = t.field.get("options")
            if isinstance(opts, list):
                options[t.id] = {o["value"]: o.get("label") or {"zh": str(o["value"]), "en": str(o["value"])}
                                 for o in opts if isinstance(o, dict) and "value" in o}
        return labels, options

    def holds(self, rule, record, at) -> bool:
        if rule is None:
            return True
        try:
            with logic_time(at, self.runtime.timezone):
                return bool(truthy(evaluate(rule, record or {})))
        except LogicError:
            return False

    # -- one start ----------------------------------------------------------------------------
    def item(self, conn, record: dict | None, at, event: str, info: dict, trigger_rule=None) -> dict:
        zone = self.runtime.timezone
        parts, clauses, passed = [], [], True
        with logic_time(at, zone):
            if info.get("field") and "from" in info and "to" in info:
                clauses.append(self._change(info))
            elif info.get("changed"):
                names = [self.labels.get(f) or {"zh": f, "en": f} for f in info["changed"]]
                clauses.append({"zh": "修改了 " + "、".join(n["zh"] for n in names) + " ✓",
                                "en": "changed " + ", ".join(n["en"] for n in names) + " ✓", "value": True})
            if trigger_rule is not None:
                ex = explain(trigger_rule, record or {}, self.labels, self.options)
                parts.append(ex["text"])
                clauses += ex["clauses"]
                passed = passed and ex["value"]
            condition = self.body.get("condition")
            if condition is not None:
                data = dict(record or {}, **{"$event": info, "$vars": {}})
                ex = explain(condition, data, self.labels, self.options)
                parts.append(ex["text"])
                clauses += ex["clauses"]
                passed = passed and ex["value"]
        head = self.kind.label
        if parts:
            text = {lang: f"{head[lang]}:" + ("；" if lang == "zh" else "; ").join(p[lang] for p in parts)
                    for lang in ("zh", "en")}
        else:
            text = {"zh": f"{head['zh']}(无其他条件)", "en": f"{head['en']} (no other condition)"}
        title = None
        if record is not None and self.form is not None:
            title = record.get(self.form.title_field)
        out = {"record_id": (record or {}).get("id"), "title": title, "at": _iso(at), "event": event, "info": info,
               "passed": passed, "explanation": text, "clauses": clauses, "actions": []}
        if passed:
            out["actions"] = actions(self.runtime, conn, self.app, self.body, record, at, info, self.node_types)
        return out

    def _change(self, info: dict) -> dict:
        field = info["field"]
        label = self.labels.get(field) or {"zh": field, "en": field}

        def shown(value, lang):
            if value in (None, "", []):
                return "空" if lang == "zh" else "empty"
            opt = (self.options.get(field) or {}).get(value) if isinstance(value, (str, int)) else None
            if isinstance(opt, dict):
                return opt.get(lang) or opt.get("zh") or str(value)
            return str(value)

        return {"zh": f"{label['zh']} 由 {shown(info['from'], 'zh')} 改为 {shown(info['to'], 'zh')} ✓",
                "en": f"{label['en']} changed from {shown(info['from'], 'en')} to {shown(info['to'], 'en')} ✓",
                "value": True}

    def consider(self, conn, record, at, event: str, info: dict, trigger_rule=None) -> None:
        """A start the trigger would make: kept when its conditions and the cap allow it."""
        rid = (record or {}).get("id")
        cap = self.body.get("cap")
        if rid is not None and isinstance(cap, dict) and cap.get("times") and cap.get("days"):
            since = at - timedelta(days=cap["days"])
            if sum(1 for t in self.starts.get(rid, ()) if t >= since) >= cap["times"]:
                self.held_back += 1
                return
        if self.fired >= self.limit:  # past the limit: count without describing
            if self.holds(trigger_rule, record, at) and self.holds(
                    self.body.get("condition"), dict(record or {}, **{"$event": info, "$vars": {}}), at):
                self.fired += 1
                self.truncated = True
                self.starts.setdefault(rid, []).append(at)
            else:
                self.held_back += 1
            return
        item = self.item(conn, record, at, event, info, trigger_rule)
        if not item["passed"]:
            self.held_back += 1
            return
        self.fired += 1
        self.items.append(item)
        self.starts.setdefault(rid, []).append(at)

    # -- record triggers ----------------------------------------------------------------------
    def writes(self, conn, start, end) -> None:
        past = history.replay(self.runtime, conn, self.form, start, end)
        threshold = self.key == "threshold"
        rule = self.trigger.get("condition") if threshold else None
        marked = {rid for rid, rec in past.at_start.items() if threshold and rec is not None
                  and self.holds(rule, rec, start)}
        for ev in past.events:
            self.evaluated += 1
            if ev.kind not in self.kind.events:
                continue
            if threshold:
                if ev.new is None:
                    continue
                if not self.holds(rule, ev.new, ev.at):
                    marked.discard(ev.record_id)
                    continue
                if ev.record_id in marked:
                    continue
                marked.add(ev.record_id)
            else:
                try:
                    with logic_time(ev.at, self.runtime.timezone):
                        if not self.kind.fires(self.trigger, ev.kind, ev.old, ev.new):
                            continue
                except (LogicError, KeyError, TypeError):
                    continue
            info = self.kind.event_info(self.trigger, ev.kind, ev.old, ev.new)
            self.consider(conn, ev.new or ev.old, ev.at, ev.kind, info, rule)

    # -- time-based triggers ------------------------------------------------------------------
    def dates(self, conn, start, end) -> None:
        field, zone = self.trigger["field"], self.runtime.timezone
        past, base = history.all_states(self.runtime, conn, self.form, start, end,
                                        where=self._dates_near(field, start, end))
        timeline: dict[int, list] = {}
        for ev in past.events:
            timeline.setdefault(ev.record_id, []).append(ev)
        seen, due = set(), []
        states = [(rid, rec) for rid, rec in base.items()] + [(ev.record_id, ev.new) for ev in past.events if ev.new]
        for rid, rec in states:
            value = rec.get(field)
            if value in (None, "") or (rid, str(value)) in seen:
                continue
            seen.add((rid, str(value)))
            at = due_at(self.trigger, value, zone)
            if at is None or not start <= at < end:
                continue
            self.evaluated += 1
            now = _state_at(base.get(rid), timeline.get(rid, ()), at)
            if now is not None and now.get(field) == value:
                due.append((at, rid, value, now))
        for at, _rid, value, rec in sorted(due, key=lambda d: (d[0], d[1])):
            info = {"type": "date_relative", "field": field, "value": str(value), "due": _iso(at)}
            self.consider(conn, rec, at, "date", info)

    def _dates_near(self, field: str, start, end) -> tuple:
        """SQL narrowing the records not written in the window to those whose date, shifted
        by the offset, may fall in it (a margin of days for working days and zones)."""
        t = self.form.table
        if field not in t.c or not isinstance(t.c[field].type, (sa.Date, sa.DateTime)):
            return ()
        offset = self.trigger.get("offset") or {"amount": 0, "unit": "days"}
        amount, unit = int(offset["amount"]), offset["unit"]
        per = {"minutes": timedelta(minutes=1), "hours": timedelta(hours=1)}.get(unit, timedelta(days=1))
        slack = timedelta(days=2 + (abs(amount) * 2 + 20 if unit in ("business_days", "trading_days") else 0))
        lo, hi = start - per * amount - slack, end - per * amount + slack
        if not isinstance(t.c[field].type, sa.DateTime):
            lo, hi = lo.date(), hi.date()
        return (t.c[field].between(lo, hi),)

    def schedule(self, conn, start, end) -> None:
        fires = fire_times(self.trigger, start, end, self.runtime.timezone)
        if self.form is None:
            for local, wall in fires:
                self.evaluated += 1
                self.consider(conn, None, local, "schedule", {"type": "schedule", "fire": wall})
            return
        past, base = history.all_states(self.runtime, conn, self.form, start, end)
        state = dict(base)
        rule = self.trigger.get("condition")
        cap = min(int(self.trigger.get("limit") or 1000), 10_000)
        events, i = past.events, 0
        for local, wall in fires:
            while i < len(events) and events[i].at <= local:
                state[events[i].record_id] = events[i].new
                i += 1
            self.evaluated += 1
            info = {"type": "schedule", "fire": wall}
            matched = [rec for _rid, rec in sorted(state.items()) if rec is not None and self.holds(rule, rec, local)]
            for rec in matched[:cap]:
                self.consider(conn, rec, local, "schedule", info, rule)
            if self.truncated:
                break

    # -- one record, now ----------------------------------------------------------------------
    def test_record(self, conn, record_id) -> None:
        if self.form is None:
            raise BadRequest("此流程没有表单,不能对记录试运行", "this flow has no form to test a record of",
                             code="no_form", details={"field": "record"})
        rec = history.current(self.runtime, conn, self.form, int(record_id))
        if rec is None:
            raise NotFound(f"记录 {record_id} 不存在", f"record {record_id} not found", details={"record": record_id})
        at = self.runtime.clock.now().replace(microsecond=0)
        rule, event = None, "test"
        if self.key == "threshold":
            rule, info = self.trigger.get("condition"), {"type": "threshold", "by": "test"}
        elif self.key == "schedule":
            rule, info = self.trigger.get("condition"), {"type": "schedule", "fire": _iso(at)}
        elif self.key == "date_relative":
            field = self.trigger["field"]
            info = {"type": "date_relative", "field": field, "value": rec.get(field), "due": _iso(at)}
        else:
            kind = self.kind.events[0] if self.kind.events else self.key
            old = None if kind == "insert" else rec
            try:
                info = self.kind.event_info(self.trigger, kind, old, None if kind == "delete" else rec)
            except (KeyError, TypeError):
                info = {"type": kind}
        self.evaluated = 1
        item = self.item(conn, rec, at, event, info, rule)
        self.fired = 1 if item["passed"] else 0
        self.held_back = 1 - self.fired
        self.items.append(item)

    def report(self, start, end) -> dict:
        out = {"trigger": self.key, "from": _iso(start), "to": _iso(end), "evaluated": self.evaluated,
               "fired": self.fired, "held_back": self.held_back, "items": self.items, "truncated": self.truncated}
        if self.note:
            out["note"] = self.note
        return out


def _state_at(base: dict | None, events, at) -> dict | None:
    state = base
    for ev in events:
        if ev.at > at:
            break
        state = ev.new
    return state


def fire_times(trigger: dict, start: datetime, end: datetime, zone: str) -> list[tuple[datetime, str]]:
    """(server-local moment, the zone's wall time as text) of each fire in [start, end)."""
    out = []
    after = start - timedelta(seconds=1)
    while len(out) < MAX_FIRES:
        wall = next_fire(trigger, after, zone)
        if wall is None:
            break
        local = to_local(wall, zone)
        if local >= end:
            break
        out.append((local, wall.isoformat(timespec="minutes")))
        after = local
    return out