"""The timeline's notice sources (timeline.py): the messages sent about the record (one item
per message: its subject, channels, recipients by name and states; addresses and texts stay
with the administrators' delivery log) and the flows on it (a run's start, and each action
of its people: approved, rejected, returned, handled, transferred, read, with the comment)."""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..flows.structure import walk
from ..storage import models as m
from .timeline import Context, item, newest, texts

log = logging.getLogger(__name__)
RANK_MESSAGE, RANK_RUN, RANK_TASK = 2, 3, 4
D, R, T = m.delivery, m.flow_run, m.flow_task
ACTED = ("approved", "rejected", "returned", "handled", "transferred", "read")
TASK_WORDS = {"approved": ("审批通过", "approved"), "rejected": ("驳回", "rejected"), "returned": ("退回", "returned"),
              "handled": ("办理完成", "handled"), "transferred": ("转交", "transferred"), "read": ("已阅", "read")}
RUN_WORDS = {"running": ("运行中", "running"), "waiting": ("等待中", "waiting"), "done": ("已完成", "done"),
             "failed": ("失败", "failed"), "cancelled": ("已取消", "cancelled"), "exited": ("已退出", "exited"),
             "returned": ("已退回", "returned")}


def messages(ctx: Context):
    heads = (sa.select(D.c.message_id, sa.func.min(D.c.created_at).label("at"))
             .where(D.c.app == ctx.app, D.c.form == ctx.model.id, D.c.record == ctx.record_id)
             .group_by(D.c.message_id).subquery())
    stmt = (sa.select(heads.c.message_id, heads.c.at)
            .where(ctx.below(heads.c.at, heads.c.message_id, RANK_MESSAGE))
            .order_by(heads.c.at.desc(), heads.c.message_id.desc()))
    rows = ctx.conn.execute(stmt.limit(ctx.size)).mappings().all()
    floor = (rows[-1]["at"], RANK_MESSAGE, rows[-1]["message_id"]) if len(rows) == ctx.size else None
    if not rows:
        return [], floor
    parts: dict[int, list] = {}
    q = (sa.select(D.c.message_id, D.c.event, D.c.channel, D.c.subject, D.c.state, D.c.recipient, D.c.urgency)
         .where(D.c.message_id.in_([r["message_id"] for r in rows])).order_by(D.c.id))
    for d in ctx.conn.execute(q).mappings():
        parts.setdefault(d["message_id"], []).append(d)
    out = []
    for r in rows:
        ds = parts.get(r["message_id"], [])
        subject = next((d["subject"] for d in ds if d["subject"]), None) or (ds[0]["event"] if ds else "")
        channels = list(dict.fromkeys(d["channel"] for d in ds))
        names = list(dict.fromkeys((d["recipient"] or {}).get("name") or "—" for d in ds))
        states = {d["channel"]: d["state"] for d in ds}
        summary = {"zh": f"发送消息「{subject}」给 {'、'.join(names)}({'、'.join(channels)})",
                   "en": f"sent “{subject}” to {', '.join(names)} ({', '.join(channels)})"}
        out.append(item((r["at"], RANK_MESSAGE, r["message_id"]), "message", f"message:{r['message_id']}", summary,
                        data={"subject": subject, "event": ds[0]["event"] if ds else None, "channels": channels,
                              "recipients": names, "states": states,
                              "urgency": ds[0]["urgency"] if ds else None}))
    return out, floor


def _flow_label(ctx: Context, flow: str, version: int) -> tuple[dict, dict]:
    """(the flow's label, its nodes by id) of the version a run ran on."""
    flows = ctx.rt.flows
    body = {}
    if flows is not None:
        try:
            body = flows.catalog.version(ctx.app, flow, version) or {}
        except Exception as exc:  # noqa: BLE001 - a run of a removed flow still shows, by its key
            log.info("flow %s v%s: %s", flow, version, exc)
    nodes = {n["id"]: n for _p, n in walk(body.get("steps") or [], ctx.rt.registries.node_types)
             if isinstance(n.get("id"), str)}
    label = body.get("label") if isinstance(body.get("label"), dict) else {"zh": flow, "en": flow}
    return label, nodes


def runs(ctx: Context):
    stmt = (sa.select(R.c.id, R.c.flow, R.c.version, R.c.state, R.c.started_at, R.c.actor_id)
            .where(R.c.app == ctx.app, R.c.form == ctx.model.id, R.c.record_id == ctx.record_id,
                   ctx.below(R.c.started_at, R.c.id, RANK_RUN))
            .order_by(R.c.started_at.desc(), R.c.id.desc()))

    def make(r):
        label, _nodes = _flow_label(ctx, r["flow"], r["version"])
        szh, sen = RUN_WORDS.get(r["state"], (r["state"], r["state"]))
        summary = {"zh": f"流程「{label.get('zh') or r['flow']}」开始({szh})",
                   "en": f"flow “{label.get('en') or label.get('zh') or r['flow']}” started ({sen})"}
        return item((r["started_at"], RANK_RUN, r["id"]), "flow", f"run:{r['id']}", summary, actor=r["actor_id"],
                    link=f"/apps/{ctx.app}/flows/{r['flow']}?tab=runs&run={r['id']}",
                    data={"run": r["id"], "flow": r["flow"], "state": r["state"], "label": label})

    return newest(ctx, stmt, lambda r: (r["started_at"], RANK_RUN, r["id"]), make)


def tasks(ctx: Context):
    of_record = sa.select(R.c.id).where(R.c.app == ctx.app, R.c.form == ctx.model.id, R.c.record_id == ctx.record_id)
    stmt = (sa.select(T.c.id, T.c.run_id, T.c.flow, T.c.node, T.c.state, T.c.comment, T.c.acted_at, T.c.acted_by,
                      T.c.assignee_id, R.c.version)
            .join(R, R.c.id == T.c.run_id)
            .where(T.c.run_id.in_(of_record), T.c.acted_at.is_not(None), T.c.state.in_(ACTED),
                   ctx.below(T.c.acted_at, T.c.id, RANK_TASK))
            .order_by(T.c.acted_at.desc(), T.c.id.desc()))

    def make(r):
        label, nodes = _flow_label(ctx, r["flow"], r["version"])
        node = nodes.get(r["node"]) or {}
        nzh, nen = texts(node.get("label"), r["node"])
        wzh, wen = TASK_WORDS.get(r["state"], (r["state"], r["state"]))
        note = f":{r['comment']}" if r["comment"] else ""
        summary = {"zh": f"{wzh}「{nzh}」{note}", "en": f"{wen} “{nen}”" + (f": {r['comment']}" if r["comment"] else "")}
        return item((r["acted_at"], RANK_TASK, r["id"]), "flow", f"task:{r['id']}", summary,
                    actor=r["acted_by"] or r["assignee_id"],
                    link=f"/apps/{ctx.app}/flows/{r['flow']}?tab=runs&run={r['run_id']}",
                    data={"run": r["run_id"], "task": r["id"], "state": r["state"], "comment": r["comment"],
                          "label": label})

    return newest(ctx, stmt, lambda r: (r["acted_at"], RANK_TASK, r["id"]), make)


def flow_steps(ctx: Context):
    """Runs and their people's actions, merged (both are the "flow" type)."""
    a, fa = runs(ctx)
    b, fb = tasks(ctx)
    floors = [f for f in (fa, fb) if f is not None]
    return a + b, max(floors) if floors else None


SOURCES = (("message", messages), ("flow", flow_steps))
