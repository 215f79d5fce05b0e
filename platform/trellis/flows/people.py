"""People acting in flows (`runtime.flows.people`): the actions on a task, the initiator's
withdraw and urge, an administrator's reassign. Each action is one transaction: the task's
new state (and the record's values, written as the assignee through the node's field
permissions), the next turn (flow_task `promote`), its audit entry and, once nobody is
left to act, the run moved on (flows/human_node.py decides the outcome; runner
`advance_in`, or the `flows.advance` job when that cannot be done in the action's
transaction).

Actions: approve, reject, return (`to`: an earlier node of the run's way, or "start"),
transfer (`to`: a user), add_signer (`users`, `position` before / after: after approves
and adds them behind), handle (`values`), comment (stays pending; kept in the task's
notes), read (a cc'd copy). Everything refused says why in both languages (409 for a task
no longer pending, 403 for someone else's task, 400 naming the bad key)."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.cause import actor_link
from ..kernel.errors import BadRequest, Conflict, Forbidden, NotFound
from ..kernel.timestamps import stamp
from ..storage.prepared import Prepared
from . import runs, task_store
from .approval_status import run_link
from .cursor import Mover
from .runner import ADVANCE
from .sla import activate, assigned, tell
from .task_access import record_service

ACTIONS = ("approve", "reject", "return", "transfer", "add_signer", "handle", "comment", "read")
DEFAULT_ACTIONS = {"approval": ("approve", "reject", "return", "transfer", "add_signer"),
                   "handle": ("handle", "return", "transfer", "add_signer"), "cc": ()}
URGE_PAUSE_MINUTES = 10
_VERSION = Prepared(sa.select(runs.R.c.version).where(runs.R.c.id == sa.bindparam("r")))


def _bad(key: str, zh: str, en: str):
    return BadRequest(zh, en, code="malformed", details={"field": key})


class People:
    def __init__(self, runtime, engine):
        self.runtime = runtime
        self.engine = engine
        self._nodes: dict = {}  # (app, flow, version, node id) -> node (a version never changes)

    # -- what a task belongs to -------------------------------------------------------------------
    def node_of(self, task: dict, conn=None, version: int | None = None) -> dict | None:
        """The task's node as its run's flow version has it (`version`: when the caller knows it)."""
        if conn is None and version is None:
            with self.runtime.engine.connect() as c:
                return self.node_of(task, c)
        if version is None:
            version = _VERSION.scalar(conn, {"r": task["run_id"]})
        return self.node_at(task["app"], task["flow"], version, task["node"])

    def node_at(self, app: str, flow: str, version: int | None, node_id: str) -> dict | None:
        """Node `node_id` of a flow version (looked up once: a version never changes)."""
        key = (app, flow, version, node_id)
        if key not in self._nodes:
            body = self.engine.catalog.version(app, flow, version) if version else {}
            self._nodes[key] = self.find(body, node_id)[1] if body else None
        return self._nodes[key]

    def find(self, body: dict, node_id: str) -> tuple[str | None, dict | None]:
        from .structure import walk

        for pointer, node in walk(body.get("steps") or [], self.engine.registries.node_types):
            if isinstance(node, dict) and node.get("id") == node_id:
                return pointer, node
        return None, None

    def run_of_task(self, conn, task: dict) -> dict:
        return runs.load(conn, task["run_id"]) or {}

    def actions_for(self, task: dict, node: dict | None) -> list[str]:
        if task["state"] == "cc":
            return ["read", "comment"]
        if task["state"] != "pending":
            return []
        allowed = (node or {}).get("actions") or DEFAULT_ACTIONS.get(task["kind"], ())
        return list(allowed) + ["comment"]

    def returnable(self, conn, task: dict, node: dict | None = None) -> list[dict]:
        """The earlier human nodes the task's run can go back to, and the initiator ("start")."""
        run = runs.load(conn, task["run_id"])
        body = self.engine.catalog.version(task["app"], task["flow"], run["version"])
        mover = Mover(body, run["cursor"], self.engine.runner.kind_of)
        tok = mover.token(task["token"])
        out = []
        if tok is not None:
            out = [{"node": n["id"], "label": n.get("label")} for _p, n in mover.earlier(tok)
                   if n.get("type") in ("approval", "handle")]
        allowed = (node or {}).get("return_to")
        if allowed is not None:
            out = [o for o in out if o["node"] in allowed]
        if allowed is None or "start" in allowed:
            out.append({"node": "start", "label": {"zh": "发起人", "en": "The initiator"}})
        return out

    # -- acting on a task ---------------------------------------------------------------------------
    def act(self, task_id: int, action: str, actor, body: dict | None = None) -> dict:
        body = body if isinstance(body, dict) else {}
        if action not in ACTIONS:
            raise NotFound(f"没有操作 {action}", f"there is no action {action}", details={"action": action})
        comment, attachments = _comment(body)
        return self._act(task_id, action, actor, body, comment, self._files(attachments, actor))

    def _files(self, attachments: list | None, actor) -> list[dict] | None:
        """A comment's files, as the upload endpoint returned them: each must exist and have
        been uploaded by the actor (their participants may then download it)."""
        if not attachments or not self.runtime.files_dir:
            return attachments
        from ..storage.files import FileStore

        store, out = FileStore(self.runtime.files_dir), []
        for i, item in enumerate(attachments):
            file_id = item.get("id") if isinstance(item, dict) else item
            try:
                _path, meta = store.open(str(file_id or ""))
            except NotFound:
                meta = None
            if meta is None or (actor.id is not None and not actor.is_admin and meta.get("owner") != actor.id):
                raise _bad("attachments", f"第 {i + 1} 个附件不存在或不是您上传的",
                           f"attachment {i + 1} does not exist or was not uploaded by you")
            out.append({"id": file_id, "name": meta.get("name"), "size": meta.get("size"),
                        "content_type": meta.get("content_type")})
        return out

    def _act(self, task_id, action, actor, body, comment, attachments) -> dict:
        with self.runtime.transaction() as conn:
            task = task_store.get(conn, int(task_id), lock=True)
            if task is None:
                raise NotFound(f"待办 {task_id} 不存在", f"task {task_id} not found", details={"task": task_id})
            if actor.id is not None and task["assignee_id"] != actor.id:
                raise Forbidden("这不是您的待办", "this task is not yours", details={"task": task_id})
            run = runs.load(conn, task["run_id"]) or {}
            node = self.node_of(task, conn, run.get("version")) or {}
            if action not in self.actions_for(task, node):
                state = task["state"]
                raise Conflict(f"待办当前状态为 {state},不能执行 {action}", f"the task is {state}: it cannot be {action}d",
                               code="task_not_open", details={"task": task_id, "state": state, "action": action})
            now = self.runtime.clock.now().replace(microsecond=0)
            done = {"acted_at": now, "acted_by": actor.id if actor.id is not None else task["assignee_id"],
                    "comment": comment, "attachments": attachments or None}
            getattr(self, "_" + action)(conn, task, node, actor, body, done, now)
            decided = self._after(conn, task, node, now)
            after = task_store.get(conn, task["id"])
            self._audit(conn, f"task.{action}", task, actor, {"state": task["state"]},
                        {"state": after["state"], "to": body.get("to"), "users": body.get("users")}, comment)
            if decided and not self.engine.runner.advance_in(conn, task["run_id"], run):
                self.runtime.jobs.enqueue(ADVANCE, {"run": task["run_id"]}, app=task["app"], conn=conn,
                                          key=f"{ADVANCE}:{task['run_id']}:task:{task['id']}")
            return after

    def _audit(self, conn, action: str, task: dict, actor, before, after, note=None) -> None:
        """One entry of the audit chain per action on a task (who, what, on which record)."""
        self.runtime.record_event(action, app=task["app"], target=f"{task['flow']}/{task['node']}#{task['id']}",
                                  record_id=task.get("record_id"), before=before,
                                  after={k: v for k, v in after.items() if v is not None}, note=note,
                                  actor=actor if actor.id is not None else None, conn=conn)

    def _approve(self, conn, task, node, actor, body, done, now) -> None:
        self._write_values(conn, task, node, actor, body)
        task_store.set_state(conn, task["id"], "approved", now, **done)
        if task["mode"] == "any":
            task_store.skip_others(conn, task, now)

    def _handle(self, conn, task, node, actor, body, done, now) -> None:
        values = self._write_values(conn, task, node, actor, body)
        task_store.set_state(conn, task["id"], "handled", now, values=values, **done)

    def _reject(self, conn, task, node, actor, body, done, now) -> None:
        task_store.set_state(conn, task["id"], "rejected", now, **done)
        task_store.close_open(conn, task["run_id"], task["node"], task["round"], "cancelled", now)

    def _return(self, conn, task, node, actor, body, done, now) -> None:
        to = body.get("to") or "start"
        if to not in {r["node"] for r in self.returnable(conn, task, node)}:
            raise _bad("to", f"不能退回到 {to}", f"the task cannot be returned to {to}")
        task_store.set_state(conn, task["id"], "returned", now, values={"to": to}, **done)
        task_store.close_open(conn, task["run_id"], task["node"], task["round"], "cancelled", now)

    def _transfer(self, conn, task, node, actor, body, done, now) -> None:
        to = _user(conn, self.runtime, body.get("to"), "to")
        if to == task["assignee_id"]:
            raise _bad("to", "不能转交给自己", "a task cannot be transferred to its own assignee")
        task_store.set_state(conn, task["id"], "transferred", now, values={"to": to}, **done)
        self._copy(conn, task, [to], task["position"], "pending", node, now)

    def _add_signer(self, conn, task, node, actor, body, done, now) -> None:
        users = body.get("users")
        if not isinstance(users, list) or not users or len(users) > 20:
            raise _bad("users", "请选择 1–20 位加签人", "choose 1 to 20 people to add")
        ids = [_user(conn, self.runtime, u, "users") for u in users]
        if task["assignee_id"] in ids:
            raise _bad("users", "加签人不能是自己", "you cannot add yourself")
        position = body.get("position", "after")
        if position == "before":
            task_store.set_state(conn, task["id"], "queued", now, comment=done["comment"], values={"added": ids})
            self._copy(conn, task, ids, task["position"] - 1, "pending", node, now)
        elif position == "after":
            self._write_values(conn, task, node, actor, body)
            task_store.set_state(conn, task["id"], "approved", now, values={"added": ids}, **done)
            self._copy(conn, task, ids, task["position"] + 1, "queued", node, now)
        else:
            raise _bad("position", "加签位置应为 before 或 after", "position is before or after")

    def _comment(self, conn, task, node, actor, body, done, now) -> None:
        if not done["comment"] and not done["attachments"]:
            raise _bad("comment", "评论不能为空", "a comment needs text or an attachment")
        notes = list((task.get("values") or {}).get("notes") or [])[-99:]
        notes.append({"by": done["acted_by"], "at": stamp(now), "comment": done["comment"],
                      "attachments": done["attachments"]})
        task_store.set_state(conn, task["id"], task["state"], now, values={**(task.get("values") or {}), "notes": notes})

    def _read(self, conn, task, node, actor, body, done, now) -> None:
        task_store.set_state(conn, task["id"], "read", now, acted_at=now, acted_by=done["acted_by"])

    def _copy(self, conn, task, users: list[int], position: int, state: str, node, now) -> None:
        keep = ("app", "run_id", "flow", "node", "token", "round", "kind", "mode", "form", "record_id", "title",
                "initiator_id", "due_at", "remind_at")
        rows = [dict({k: task[k] for k in keep}, assignee_id=u, position=position, state=state, added_by=task["id"],
                     created_at=now, urges=0) for u in users]
        for r, i in zip(rows, task_store.insert(conn, rows)):
            r["id"] = i
        if state == "pending":
            assigned(self.runtime, conn, rows)

    def _write_values(self, conn, task, node, actor, body) -> dict:
        values = body.get("values")
        if values in (None, {}):
            values = {}
        if not isinstance(values, dict):
            raise _bad("values", "values 应为对象", "values must be an object")
        required = (node.get("required") or []) if task["kind"] == "handle" else []
        if values or required:
            svc = record_service(self.runtime, conn, task, node, actor, self._cause(task, actor))
            current = svc.get(int(task["record_id"]), conn=conn) if task.get("record_id") is not None else {}
            missing = [f for f in required if values.get(f, current.get(f)) in (None, "", [])]
            if missing:
                from ..kernel.errors import ValidationFailed
                from ..records.validation import field_error

                raise ValidationFailed([field_error(svc.form, f, "required", "必填", "required", None) for f in missing])
            if values:
                svc.update(int(task["record_id"]), values, conn=conn)
        return values

    def _cause(self, task, actor) -> list[dict]:
        out = [run_link(task["flow"], task["run_id"])]
        if actor.id is not None:
            out.insert(0, actor_link(actor))
        return out

    def _after(self, conn, task, node, now) -> bool:
        """The next turn, and the run woken once nobody is left to act (True then)."""
        if task["kind"] == "cc":
            return False
        tasks = task_store.of_node(conn, task["run_id"], task["node"], task["round"])
        turn = task_store.promote(conn, task["run_id"], task["node"], task["round"], tasks)
        if turn:
            activate(self.runtime, conn, turn, node, now)
        return not task_store.open_count(tasks)

    # -- the initiator and administrators ----------------------------------------------------------------
    def withdraw(self, app: str, run_id: int, actor) -> dict:
        def check(conn, row):
            if row.get("actor_id") != actor.id:
                raise Forbidden("只有发起人可以撤回", "only the initiator can withdraw", details={"run": run_id})
            if task_store.acted_in_run(conn, run_id):
                raise Conflict("已有人处理,不能撤回", "someone has acted on it already: it cannot be withdrawn",
                               code="already_acted", details={"run": run_id})
        return self.engine.cancel(app, run_id, actor, status="withdrawn", check=check)

    def urge(self, app: str, run_id: int, actor) -> dict:
        with self.runtime.transaction() as conn:
            row = self.engine.run_of(conn, app, run_id)
            if row.get("actor_id") != actor.id:
                raise Forbidden("只有发起人可以催办", "only the initiator can urge", details={"run": run_id})
            now = self.runtime.clock.now().replace(microsecond=0)
            pending = [t for t in task_store.of_run(conn, run_id) if t["state"] == "pending"]
            if not pending or row["state"] not in runs.LIVE:
                raise Conflict("没有等待处理的待办", "nobody is waited for", code="nothing_pending", details={"run": run_id})
            last = max((t["urged_at"] for t in pending if t.get("urged_at")), default=None)
            if last is not None and (now - last).total_seconds() < URGE_PAUSE_MINUTES * 60:
                raise Conflict(f"{URGE_PAUSE_MINUTES} 分钟内只能催办一次", f"you can urge once in {URGE_PAUSE_MINUTES} minutes",
                               code="urged_recently", details={"run": run_id})
            for t in pending:
                t["urges"] = (t.get("urges") or 0) + 1
                task_store.set_state(conn, t["id"], "pending", now, urged_at=now, urges=t["urges"])
            tell(self.runtime, conn, pending, urgent=True,
                 words=(f"催办:{pending[0].get('title') or ''}", f"Reminder: {pending[0].get('title') or ''}"))
            return {"run": run_id, "urged": [t["assignee_id"] for t in pending]}

    def reassign(self, task_id: int, to, actor) -> dict:
        if not actor.is_admin:
            raise Forbidden("只有管理员可以改派", "only administrators reassign tasks", details={"task": task_id})
        with self.runtime.transaction() as conn:
            task = task_store.get(conn, int(task_id), lock=True)
            if task is None:
                raise NotFound(f"待办 {task_id} 不存在", f"task {task_id} not found", details={"task": task_id})
            if task["state"] not in task_store.OPEN:
                raise Conflict("待办已处理,不能改派", "the task is closed: it cannot be reassigned", code="task_not_open",
                               details={"task": task_id})
            user = _user(conn, self.runtime, to, "to")
            now = self.runtime.clock.now().replace(microsecond=0)
            task_store.set_state(conn, task["id"], "transferred", now, acted_at=now, acted_by=actor.id,
                                 values={"to": user, "by_admin": True})
            self._copy(conn, task, [user], task["position"], task["state"], self.node_of(task, conn), now)
            self._audit(conn, "task.reassign", task, actor, {"state": task["state"], "assignee": task["assignee_id"]},
                        {"state": "transferred", "to": user})
            return task_store.get(conn, task["id"])


def _comment(body: dict) -> tuple:
    comment = body.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > 2000):
        raise _bad("comment", "意见应为不超过 2000 字的文字", "comment is text of at most 2,000 characters")
    attachments = body.get("attachments")
    if attachments is not None and (not isinstance(attachments, list) or len(attachments) > 20
                                    or not all(isinstance(a, (dict, str)) for a in attachments)):
        raise _bad("attachments", "附件应为至多 20 个文件", "attachments are a list of at most 20 files")
    return (comment or None), attachments


def _user(conn, runtime, value, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (isinstance(value, str) and not value):
        raise _bad(key, f"{key} 应为用户编号或用户名", f"{key} is a user id or username")
    from .approvers import _active, _user_id

    uid = _user_id(conn, int(value) if isinstance(value, str) and value.isdigit() else value)
    if uid is None or not _active(conn, [uid]):
        raise _bad(key, f"用户 {value} 不存在或已停用", f"user {value} does not exist or is inactive")
    return uid
