"""Who may download an uploaded file: readers of a record it is attached to; before it is
attached, only its uploader (and admins). The futures CRM's account managers see only
their own clients' tickets (SQLite and PostgreSQL)."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from seeded_users import actor_of, crm_runtime
from trellis.kernel.actor import SYSTEM, Actor
from trellis.storage.files import FileStore
from trellis.records.file_access import may_download


@pytest.fixture
def crm(engine, tmp_path):
    return crm_runtime(engine, str(tmp_path / "files"))


def _ticket_of(rt, manager: Actor) -> int:
    with rt.engine.connect() as conn:
        return conn.execute(sa.text(
            "select t.id from futures_crm__ticket t join futures_crm__client c on c.id = t.client "
            "where c.account_manager = :u and t.deleted_at is null order by t.id limit 1"), {"u": manager.id}).scalar_one()


def _upload(rt, owner: Actor, **place) -> tuple[str, dict]:
    store = FileStore(rt.files_dir)
    meta = store.save(io.BytesIO(b"%PDF-1.4 statement"), "statement.pdf", "application/pdf",
                      extra={"owner": owner.id, **place})
    assert set(meta) == {"id", "name", "size", "content_type"}  # who uploaded it is not handed out
    return meta["id"], meta


def test_download_follows_the_record_or_the_uploader(crm):
    am1, am2 = actor_of(crm, "am0001"), actor_of(crm, "am0002")
    admin = Actor(id=None, username="admin", is_admin=True)
    store = FileStore(crm.files_dir)
    tickets = crm.records("futures_crm", "ticket", SYSTEM)

    def may(actor, file_id):
        return may_download(crm, actor, file_id, store.open(file_id)[1])

    # attached to a ticket of am1's client: am1 reads that ticket, am2 does not
    fid, meta = _upload(crm, am1, app="futures_crm", form="ticket")
    assert may(am1, fid) and not may(am2, fid)  # not attached yet: the uploader only
    tickets.update(_ticket_of(crm, am1), {"attachments": [meta]})
    assert may(am1, fid) and not may(am2, fid) and may(admin, fid)

    # uploaded by am2 without naming a form, attached to am1's ticket: every form is searched,
    # and having uploaded it no longer matters once it is attached to a record am2 cannot read
    other, other_meta = _upload(crm, am2)
    assert may(am2, other) and not may(am1, other)
    tickets.update(_ticket_of(crm, am1), {"attachments": [meta, other_meta]})
    assert may(am1, other) and not may(am2, other)

    # a file whose record was deleted is no one's but the admins'
    tickets.delete(_ticket_of(crm, am1))
    assert not may(am1, fid) and not may(am2, fid) and may(admin, fid)
