"""A Flask app of its own per database (SQLite, PostgreSQL) with CSRF protection on, as in
production: an app `pub` with a form `signup`, a public link to it and a flow that marks
every new signup; an admin client (JWT) and an anonymous client (no cookie, no token)."""
from __future__ import annotations

import secrets

import pytest
import sqlalchemy as sa

from api_client import sign_in

ADMIN_PASSWORD = "admin-pass-1"
APP = "pub"


def L(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


FORM = {
    "schema_version": 1, "id": "signup", "label": L("活动报名", "Event signup"), "title_field": "name",
    "fields": [
        {"id": "name", "type": "text", "label": L("姓名", "Name"), "required": True, "max_length": 20},
        {"id": "mobile", "type": "mobile", "label": L("手机号", "Mobile"), "required": True},
        {"id": "city", "type": "single_select", "label": L("城市", "City"),
         "options": [{"value": "sh", "label": L("上海", "Shanghai")}, {"value": "bj", "label": L("北京", "Beijing")}]},
        {"id": "seats", "type": "integer", "label": L("人数", "Seats"), "min": 1, "max": 5},
        {"id": "note", "type": "long_text", "label": L("备注", "Note")},
        {"id": "secret", "type": "text", "label": L("内部评分", "Internal score"), "hidden": True},
        {"id": "owner", "type": "user", "label": L("跟进人", "Owner")},
        {"id": "shout", "type": "formula", "label": L("大写", "Upper"), "expression": "UPPER(name)"},
        {"id": "source", "type": "single_select", "label": L("来源", "Source"),
         "options": [{"value": "public", "label": L("外链", "Public link")}, {"value": "desk", "label": L("前台", "Desk")}]},
        {"id": "status", "type": "single_select", "label": L("状态", "Status"),
         "options": [{"value": "new", "label": L("新", "New")}, {"value": "seen", "label": L("已看", "Seen")}]},
    ],
}
LINK = {
    "schema_version": 1, "id": "signup_page", "form": "signup", "label": L("报名页", "Signup page"), "enabled": True,
    "fields": ["name", "mobile", "city", "seats", "note"], "title": L("春季交流会报名", "Spring meetup signup"),
    "description": L("欢迎报名", "Welcome"), "success_message": L("报名成功", "You are in"),
    "captcha": True, "rate_limit_per_hour": 50, "source": {"field": "source", "value": "public"},
}
FLOW = {
    "schema_version": 1, "id": "mark_seen", "label": L("标记已看", "Mark seen"), "form": "signup", "kind": "automation",
    "enabled": True, "trigger": {"type": "record_created"},
    "steps": [{"id": "mark", "type": "update_records", "target": "trigger", "values": {"status": "seen"}}],
}


def publish(rt, kind: str, body: dict) -> None:
    rt.store.save_draft(APP, kind, body["id"], body)
    rt.publish(APP, kind, body["id"])


def build(app):
    from trellis.provision.setup import init_db

    init_db(app, admin_password=ADMIN_PASSWORD)
    rt = app.extensions["trellis"]
    with app.app_context():
        publish(rt, "app", {"schema_version": 1, "id": APP, "label": L("外链测试", "Public links"), "forms": ["signup"]})
        publish(rt, "form", FORM)
        publish(rt, "public_link", LINK)
        publish(rt, "flow", FLOW)
    return app


def _config(home) -> dict:
    return {"TRELLIS_HOME": str(home), "TESTING": True, "TRELLIS_DEFINITION_TTL": 0, "WTF_CSRF_ENABLED": True}


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    from trellis import create_app

    app = build(create_app(_config(tmp_path_factory.mktemp("pub_sqlite"))))
    yield app
    app.extensions["trellis"].engine.dispose()


@pytest.fixture(scope="module")
def pg_app(request, tmp_path_factory):
    from trellis import create_app

    url = request.getfixturevalue("pg_url")
    schema = f"pub_{secrets.token_hex(4)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    config = dict(_config(tmp_path_factory.mktemp("pub_pg")),
                  TRELLIS_DATABASE_URL=f"{url}?options=-csearch_path%3D{schema}")
    app = build(create_app(config))
    yield app
    app.extensions["trellis"].engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


class Site:
    """One database's app: the admin's client, an anonymous client and the link's token."""

    def __init__(self, app):
        self.app = app
        self.rt = app.extensions["trellis"]
        self.admin = sign_in(app, "admin", ADMIN_PASSWORD)
        self.anon = app.test_client(use_cookies=False)

    def token(self, link: str = "signup_page") -> str:
        from trellis.records import public_tokens

        return public_tokens.current(self.rt.engine, APP, link)

    def answer(self, captcha_id: str) -> str:
        """The captcha's answer, read from the store the test owns (the database)."""
        from trellis.storage.models import public_captcha

        with self.rt.engine.connect() as conn:
            return conn.execute(sa.select(public_captcha.c.answer).where(public_captcha.c.id == captcha_id)).scalar_one()

    def solved(self, token: str | None = None) -> dict:
        r = self.anon.get(f"/api/v1/public/forms/{token or self.token()}/captcha")
        assert r.status_code == 200, r.get_data(as_text=True)
        cid = r.get_json()["id"]
        return {"id": cid, "answer": self.answer(cid).lower()}

    def submit(self, data: dict, token: str | None = None, captcha: dict | None = None, **kw):
        token = token or self.token()
        body = {"data": data, "captcha": captcha if captcha is not None else self.solved(token)}
        return self.anon.post(f"/api/v1/public/forms/{token}/records", json=body, **kw)

    def records(self, **filters) -> list[dict]:
        from trellis.kernel.actor import SYSTEM

        return self.rt.records(APP, "signup", SYSTEM).list(**filters)["items"]


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request) -> Site:
    app = request.getfixturevalue("sqlite_app" if request.param == "sqlite" else "pg_app")
    return Site(app)
