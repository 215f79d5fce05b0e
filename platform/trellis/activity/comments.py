"""Comments on a record (its 360 page), with @mentions that notify.

Whoever may read the record may comment on it, and edit or delete their own comments
(administrators delete any). A comment's text is 1..2000 characters; `mentions` are the
ids of active users (at most 20), each of whom must be able to read the record: a mention
of someone who cannot is refused (400 naming `mentions` and the person), since a mention
promises the writer that the person will see the comment; nothing is written then. Each
mentioned user (not the writer) gets an in-app message linking to the record, written
in the comment's transaction through the notification service (the app's in-app channel,
else its routing). Every comment, edit and delete is an audit entry on the record."""
from __future__ import annotations

import sqlalchemy as sa

from ..imports.batches import actor_for
from ..kernel.actor import Actor
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..kernel.timestamps import stamp
from ..storage import models as m

MAX_TEXT = 2000
MAX_MENTIONS = 20
C = m.comment


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest("评论内容(text)不能为空", "the comment's text (text) cannot be empty", code="invalid",
                         details={"field": "text"})
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(f"评论内容(text)最多 {MAX_TEXT} 个字", f"the comment's text (text) is at most {MAX_TEXT} characters",
                         code="too_long", details={"field": "text", "max": MAX_TEXT})
    return value


def _mention_ids(value) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        raise BadRequest("提及的用户(mentions)应为用户 id 的数组", "mentions is an array of user ids", code="malformed",
                         details={"field": "mentions"})
    if len(value) > MAX_MENTIONS:
        raise BadRequest(f"一条评论最多提及 {MAX_MENTIONS} 人(mentions)", f"a comment mentions at most {MAX_MENTIONS} people",
                         code="too_many", details={"field": "mentions", "max": MAX_MENTIONS})
    return list(dict.fromkeys(value))


class Comments:
    """The comments of one record, as one viewer acts on them."""

    def __init__(self, rt, app: str, form: str, record_id: int, who: Actor):
        self.rt, self.app, self.form, self.record_id, self.who = rt, app, form, record_id, who
        self.model = rt.form(app, form)

    def _record(self, conn) -> dict:
        """The record as the viewer reads it (403 / 404 unless they may)."""
        return self.rt.records(self.app, self.form, self.who).get(self.record_id, conn=conn)

    def _readers(self, conn, ids: list[int]) -> dict[int, dict]:
        """{id: user} of the mentioned users, each active and able to read the record."""
        if not ids:
            return {}
        users = self.rt.users_by_id(conn, ids)
        for uid in ids:
            try:
                person = actor_for(conn, uid, None)
            except NotFound:
                raise BadRequest(f"提及的用户(mentions){uid} 不存在或已停用", f"mentioned user (mentions) {uid} does "
                                 "not exist or is inactive", code="unknown_user",
                                 details={"field": "mentions", "user": uid}) from None
            try:
                self.rt.records(self.app, self.form, person).get(self.record_id, conn=conn)
            except (Forbidden, NotFound):
                name = (users.get(uid) or {}).get("title") or str(uid)
                raise BadRequest(f"提及的用户(mentions){name} 无权查看此记录,不能提及",
                                 f"mentioned user (mentions) {name} may not read this record and cannot be mentioned",
                                 code="mention_unreadable", details={"field": "mentions", "user": uid}) from None
        return users

    def listing(self, limit: int = 100) -> list[dict]:
        with self.rt.engine.connect() as conn:
            self._record(conn)
            rows = conn.execute(sa.select(C).where(C.c.app == self.app, C.c.form == self.form,
                                                   C.c.record_id == self.record_id, C.c.deleted_at.is_(None))
                                .order_by(C.c.created_at.desc(), C.c.id.desc()).limit(limit)).mappings().all()
            people = {u for r in rows for u in [r["created_by"], *(r["mentions"] or ())]}
            names = self.rt.users_by_id(conn, sorted(people))
        return [self._json(r, names) for r in rows]

    def _json(self, r, names: dict) -> dict:
        def who(uid):
            return {"id": uid, "name": (names.get(uid) or {}).get("title") or str(uid)}
        return {"id": r["id"], "text": r["text"], "mentions": [who(u) for u in r["mentions"] or ()],
                "author": who(r["created_by"]), "created_at": stamp(r["created_at"]),
                "edited_at": stamp(r["updated_at"]), "mine": r["created_by"] == self.who.id}

    def create(self, body) -> dict:
        text, mentions = self._body(body)
        with self.rt.transaction() as conn:
            record = self._record(conn)
            users = self._readers(conn, mentions)
            now = self.rt.clock.now().replace(microsecond=0)
            cid = conn.execute(C.insert().returning(C.c.id), {
                "app": self.app, "form": self.form, "record_id": self.record_id, "text": text, "mentions": mentions,
                "created_by": self.who.id, "created_at": now}).scalar_one()
            self._audit(conn, "comment", None, {"comment": cid, "text": text, "mentions": mentions})
            self._notify(conn, record, cid, text, [u for u in mentions if u != self.who.id], users)
            row = conn.execute(sa.select(C).where(C.c.id == cid)).mappings().one()
            names = {**users, **self.rt.users_by_id(conn, [self.who.id])}
        return self._json(row, names)

    def _body(self, body) -> tuple[str, list[int]]:
        if not isinstance(body, dict):
            raise BadRequest("请求体应为 {text, mentions}", "the body is {text, mentions}", code="malformed")
        if self.who.id is None:
            raise Forbidden("只有登录用户可以评论", "only signed-in users comment")
        return _text(body.get("text")), _mention_ids(body.get("mentions"))

    def _own(self, conn, comment_id: int, deleting: bool = False):
        row = conn.execute(sa.select(C).where(C.c.id == comment_id, C.c.app == self.app, C.c.form == self.form,
                                              C.c.record_id == self.record_id, C.c.deleted_at.is_(None))
                           ).mappings().first()
        if row is None:
            raise NotFound(f"评论 {comment_id} 不存在", f"comment {comment_id} does not exist")
        if row["created_by"] != self.who.id and not (deleting and self.who.is_admin):
            raise Forbidden("只能修改或删除自己的评论", "you edit or delete only your own comments")
        return row

    def edit(self, comment_id: int, body) -> dict:
        text, mentions = self._body(body)
        with self.rt.transaction() as conn:
            record = self._record(conn)
            old = self._own(conn, comment_id)
            users = self._readers(conn, mentions)
            now = self.rt.clock.now().replace(microsecond=0)
            conn.execute(C.update().where(C.c.id == comment_id).values(text=text, mentions=mentions, updated_at=now))
            self._audit(conn, "comment_edit", {"comment": comment_id, "text": old["text"], "mentions": old["mentions"]},
                        {"comment": comment_id, "text": text, "mentions": mentions})
            before = set(old["mentions"] or ())
            self._notify(conn, record, comment_id, text, [u for u in mentions if u not in before and u != self.who.id],
                         users)
            row = conn.execute(sa.select(C).where(C.c.id == comment_id)).mappings().one()
            names = {**users, **self.rt.users_by_id(conn, [row["created_by"]])}
        return self._json(row, names)

    def delete(self, comment_id: int) -> None:
        with self.rt.transaction() as conn:
            self._record(conn)
            old = self._own(conn, comment_id, deleting=True)
            conn.execute(C.update().where(C.c.id == comment_id).values(deleted_at=self.rt.clock.now().replace(microsecond=0)))
            self._audit(conn, "comment_delete", {"comment": comment_id, "text": old["text"]}, None)

    def _audit(self, conn, action: str, before, after) -> None:
        self.rt.record_event(action, app=self.app, target=self.form, record_id=self.record_id, before=before,
                             after=after, actor=self.who, conn=conn)

    def _notify(self, conn, record: dict, comment_id: int, text: str, users: list[int], names: dict) -> None:
        notify = self.rt.notify
        if notify is None or not users:
            return
        title = record.get(self.model.title_field) if self.model.title_field != "id" else None
        title = str(title) if title not in (None, "") else f"#{self.record_id}"
        me = (self.rt.users_by_id(conn, [self.who.id]).get(self.who.id) or {}).get("title") or self.who.username
        inapp = [name for name, (kind, _a) in notify.enabled_channels(conn, self.app).items()
                 if getattr(kind, "type", None) == "inapp"]
        body = {"id": "comment_mention", "urgency": "medium",
                "subject": {"zh": "{{ data.who }} 在「{{ data.title }}」的评论中提到了你",
                            "en": "{{ data.who }} mentioned you in a comment on “{{ data.title }}”"},
                "body": {"zh": "{{ data.who }}:{{ data.text }}\n{{ link }}", "en": "{{ data.who }}: {{ data.text }}\n{{ link }}"}}
        notify.send(self.app, body, recipients=[{"user": u} for u in users], form=self.form, record=self.record_id,
                    data={"who": me, "title": title, "text": text, "comment": comment_id}, conn=conn, actor=self.who,
                    only=inapp[0] if inapp else None, dedupe=f"comment:{comment_id}")
