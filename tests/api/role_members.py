"""A signed-in API caller holding one role of a sample app: `member(app, token, app_id, role,
username, password)` installs the samples as `app_id` (once), creates the user (once),
publishes the role with that user as its member, signs in and returns a test client and the
headers to send."""
from __future__ import annotations

from samples import APP, BROKER, CLIENT, DEAL, install


def member(app, token: str, app_id: str, role: dict, username: str, password: str):
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(app_id, "app", app_id) is None:
            install(rt, BROKER, CLIENT, DEAL, app=dict(APP, id=app_id))
        sm = app.appbuilder.sm
        user = sm.find_user(username=username) or sm.add_user(
            username, username, "测试", f"{username}@example.com", sm.find_role("Public"), password=password)
        uid = user.id
    admin, h = app.test_client(), {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/apps/{app_id}/roles/{role['id']}"
    assert admin.put(base, json=role, headers=h).status_code == 200
    assert admin.post(f"{base}/publish", headers=h).status_code == 200
    assert admin.put(f"{base}/members", json=[uid], headers=h).status_code == 200
    r = app.test_client().post("/api/v1/security/login",
                               json={"username": username, "password": password, "provider": "db"})
    assert r.status_code == 200, r.get_json()
    return app.test_client(), {"Authorization": f"Bearer {r.get_json()['access_token']}"}
