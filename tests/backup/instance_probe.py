"""An instance used the way a person uses it, in a process of its own (one Flask-AppBuilder
app per process): sign in as the admin through the JSON login, then

    make HOME [URL] N   `trellis init` and `trellis seed futures_crm --clients N` done in this
                        process (provision/), then `attach`
    attach HOME [URL]   upload a file and attach it to the first ticket; prints {"file", "ticket"}
    read HOME [URL]     read the first ticket and the first client, download the ticket's
                        attachment, create a follow-up (the ids continue); prints what it saw

Exit code 0 and one JSON line on stdout."""
from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "platform"))

ADMIN_PASSWORD = "admin-pass-1"
CONTENT = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
BASE = "/api/v1/apps/futures_crm/forms"
APPS: list = []


def _client(home: str, url: str | None, clients: int | None = None):
    from trellis import create_app

    cfg = {"TRELLIS_HOME": home, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "TRELLIS_DEFINITION_TTL": 0}
    if url:
        cfg["TRELLIS_DATABASE_URL"] = url
    app = create_app(cfg)
    if clients is not None:
        from trellis.provision.seed import seed_app
        from trellis.provision.setup import init_db

        init_db(app, admin_password=ADMIN_PASSWORD)
        with app.app_context():
            seed_app(app.extensions["trellis"], app.config["TRELLIS_SEEDS"], "futures_crm", clients, progress=lambda *_: None)
    client = app.test_client()
    r = client.post("/api/v1/security/login", json={"username": "admin", "password": ADMIN_PASSWORD, "provider": "db"})
    assert r.status_code == 200, r.get_data(as_text=True)
    APPS.append(app)
    return client, {"Authorization": "Bearer " + r.get_json()["access_token"]}


def _first(client, headers, form: str) -> dict:
    r = client.get(f"{BASE}/{form}/records?page_size=1&sort=id", headers=headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    rows = body.get("records") or body.get("items") or body.get("rows") or body.get("data")
    return rows[0]


def attach(home: str, url: str | None, clients: int | None = None) -> dict:
    client, headers = _client(home, url, clients)
    if clients == 0:  # definitions only: no ticket to attach a file to
        return {}
    r = client.post("/api/v1/files", headers=headers, content_type="multipart/form-data",
                    data={"file": (io.BytesIO(CONTENT), "contract.pdf", "application/pdf")})
    assert r.status_code == 201, r.get_data(as_text=True)
    meta = r.get_json()
    ticket = _first(client, headers, "ticket")
    r = client.patch(f"{BASE}/ticket/records/{ticket['id']}", headers=headers,
                     json={"attachments": [meta], "version": ticket["version"]})
    assert r.status_code == 200, r.get_data(as_text=True)
    return {"file": meta["id"], "ticket": ticket["id"]}


def read(home: str, url: str | None) -> dict:
    client, headers = _client(home, url)
    ticket = _first(client, headers, "ticket")
    client_row = _first(client, headers, "client")
    files = ticket.get("attachments") or []
    content = None
    if files:
        r = client.get(f"/api/v1/files/{files[0]['id']}", headers=headers)
        assert r.status_code == 200, r.get_data(as_text=True)
        content = base64.b64encode(r.get_data()).decode()
    r = client.post(f"{BASE}/follow_up/records", headers=headers,
                    json={"client": client_row["id"], "at": "2026-01-05T10:00:00", "method": "phone",
                          "purpose": "onboarding", "summary": "restored instance check"})
    created = r.get_json() if r.status_code in (200, 201) else None
    return {"ticket": ticket["id"], "client": client_row["id"], "content": content,
            "created": (created or {}).get("id"), "create_status": r.status_code,
            "create_body": None if created else r.get_data(as_text=True)[:500]}


if __name__ == "__main__":
    command, home, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if command == "make":
        out = attach(home, rest[0] if rest[0] != "-" else None, int(rest[1]))
    else:
        out = {"attach": attach, "read": read}[command](home, rest[0] if rest else None)
    for app in APPS:  # the scheduler thread the first request started
        app.extensions["trellis"].jobs.scheduler.stop()
    print(json.dumps(out))
