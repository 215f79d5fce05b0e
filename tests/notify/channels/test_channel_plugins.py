"""The five channel plugins are found through their installed entry points, load active and
each registers exactly its channel type, whose description the web UI can show."""
from __future__ import annotations

import json

import jsonschema

from trellis.notify.channel import Channel
from trellis.plugins import loader

TYPES = {"email": "email", "sms": "sms", "wecom": "wecom", "dingtalk": "dingtalk", "webhook": "webhook"}


def test_each_channel_plugin_is_loaded_and_provides_its_type():
    states = {s.name: s for s in loader.states()}
    for name, type_name in TYPES.items():
        state = states.get(name)
        assert state is not None, f"plugin {name} not found"
        assert state.active, f"plugin {name}: {state.error}"
        assert state.origin == f"entry point trellis-{name}" and state.version == "0.1.0"
        assert state.provides == {"channels": [type_name]}
        cls = loader.registries.channels.get(type_name)
        assert issubclass(cls, Channel) and cls.type == type_name and not cls.local
        described = cls.describe()
        assert json.dumps(described, ensure_ascii=False)
        assert described["label"]["zh"] and described["label"]["en"] and described["label"]["zh"] != described["label"]["en"]
        schema = described["config_schema"]
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["required"] and schema["additionalProperties"] is False
        assert any(p.get("writeOnly") for p in schema["properties"].values())
        for prop in schema["properties"].values():
            assert " / " in prop["title"], prop   # Chinese / English
