"""The registry of definition kinds: one key each, the store refuses kinds it does not
know (404 naming them), checks a kind's own meta-schema and runs its publish hook in the
publish's transaction (a refusal leaves nothing published), on each database."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from trellis.kernel.errors import BadRequest, DefinitionInvalid, NotFound
from trellis.meta.kind import DefinitionKind
from trellis.storage import models as m


class NoteKind(DefinitionKind):
    key = "note"
    label = ("便笺", "note")
    schema = {"type": "object", "required": ["id", "text"],
              "properties": {"id": {"type": "string"}, "text": {"type": "string"}}}

    def publish(self, conn, app, body, previous, store):
        # written in the publish's transaction: gone again when the publish is refused
        conn.execute(m.state.insert().values(key=f"note:{body['text']}", value=1))
        if body["text"] == "boom":
            raise DefinitionInvalid([{"pointer": "/text", "code": "boom", "message": {"zh": "/text:不行",
                                                                                      "en": "/text: no"}}])
        return dict(body, published_text=body["text"].upper())


def test_core_kinds_are_registered_once(runtime):
    kinds = runtime.definition_kinds
    assert list(kinds) == ["app", "dashboard", "decision", "flow", "form", "public_link", "report", "role", "routing",
                           "template", "view"]  # notify's two beside the core's
    assert kinds.get("form").has_impact and not kinds.get("role").has_impact
    with pytest.raises(TypeError):
        kinds.add(DefinitionKind())                # a kind without a key
    kinds.add(NoteKind())
    with pytest.raises(KeyError):
        kinds.add(NoteKind())                      # the same key twice


def test_the_store_serves_only_registered_kinds(runtime):
    with pytest.raises(NotFound) as e:
        runtime.store.save_draft("demo", "note", "n1", {"id": "n1", "text": "x"})
    assert e.value.code == "unknown_kind" and "note" in e.value.message["zh"]
    runtime.definition_kinds.add(NoteKind())
    with pytest.raises(DefinitionInvalid) as e:
        runtime.store.save_draft("demo", "note", "n1", {"id": "n1", "text": 3})
    assert [p["pointer"] for p in e.value.errors] == ["/text"]
    runtime.store.save_draft("demo", "note", "n1", {"id": "n1", "text": "hello"})
    assert runtime.publish("demo", "note", "n1") == 1
    assert runtime.store.published("demo", "note", "n1")[0]["published_text"] == "HELLO"
    runtime.store.save_draft("demo", "note", "n1", {"id": "n1", "text": "boom"})
    with pytest.raises(DefinitionInvalid):
        runtime.publish("demo", "note", "n1")
    assert runtime.store.published("demo", "note", "n1")[1] == 1
    with runtime.engine.connect() as conn:
        keys = set(conn.execute(sa.select(m.state.c.key).where(m.state.c.key.like("note:%"))).scalars())
    assert keys == {"note:hello"}
    assert runtime.store.restore("demo", "note", "n1", 1, as_draft=True) is None
    assert runtime.store.draft("demo", "note", "n1")["text"] == "hello"
    assert runtime.store.published("demo", "note", "n1")[1] == 1
    runtime.store.remove("demo", "note", "n1")
    assert runtime.store.list("demo", "note") == []
    with pytest.raises(BadRequest) as e:
        runtime.store.remove("demo", "form", "anything")
    assert e.value.code == "not_removable"


def test_an_app_export_carries_every_registered_kind(runtime, tmp_path):
    from samples import install
    from trellis.meta.io import export_app, import_app

    install(runtime)
    runtime.definition_kinds.add(NoteKind())
    runtime.store.save_draft("demo", "note", "n1", {"id": "n1", "text": "hello"})
    runtime.publish("demo", "note", "n1")
    export_app(runtime, "demo", tmp_path)
    note = tmp_path / "notes" / "n1.json"
    assert '"published_text": "HELLO"' in note.read_text(encoding="utf-8")
    assert "note:n1" in import_app(runtime, tmp_path)["unchanged"]
    note.write_text('{"id": "n1", "text": "again"}', encoding="utf-8")
    assert "note:n1" in import_app(runtime, tmp_path)["published"]
    assert runtime.store.published("demo", "note", "n1")[0]["published_text"] == "AGAIN"
