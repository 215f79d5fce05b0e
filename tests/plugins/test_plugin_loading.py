"""Loading plugins: the core's engines first, then plugins from entry points and from
TRELLIS_PLUGINS in the order their requirements allow; a plugin that cannot be imported,
raises in `register` or `install`, or whose requirements are unmet is disabled with its
error (what it registered withdrawn) and the others load. Real modules (tests/plugin_samples),
a real registry and a real Runtime."""
from __future__ import annotations

import pytest

from trellis.plugins import Registries, states
from trellis.plugins.loader import ENV, load
from trellis.runtime import Runtime

SAMPLES = ["plugin_samples.good", "plugin_samples.broken_import", "plugin_samples.broken_register",
           "plugin_samples.broken_install", "plugin_samples.needs_missing", "plugin_samples.needs_missing:newer",
           "plugin_samples.legacy"]


@pytest.fixture
def loaded(monkeypatch):
    monkeypatch.setenv(ENV, ", ".join(SAMPLES[:4]) + "\n" + " ".join(SAMPLES[4:]))
    regs = Registries()
    return regs, {s.name: s for s in load(regs)}


def test_each_failure_disables_only_its_plugin(loaded):
    regs, by_name = loaded
    assert by_name["plugin_samples.broken_import"].error == \
        "import: ImportError: No module named 'trellis_sample_dependency'"
    assert by_name["broken_register"].error == "register: RuntimeError: the second type's module is broken"
    assert "sample_half_done" not in regs.field_types            # withdrawn
    assert by_name["needs_missing"].error == "requires sample_not_installed>=1: not installed or disabled"
    assert by_name["needs_newer"].error.startswith("requires trellis>=99: trellis 0.")
    assert by_name["broken_install"].active                       # fails only when installed
    assert {n for n, s in by_name.items() if s.active} == {"field_types", "audit", "imports", "notify", "rollups",
                                                             "flows", "reports", "good", "legacy", "broken_install"} | {
        n for n, s in by_name.items() if s.origin.startswith("entry point trellis-")}  # the installed first-party plugins
    assert "sample_legacy_text" in regs.field_types and "text" in regs.field_types


def test_requirements_order_the_loading(loaded):
    _, by_name = loaded
    order = list(by_name)
    assert order[:7] == ["field_types", "audit", "imports", "notify", "rollups", "flows", "reports"]  # the core's engines first
    assert order.index("legacy") < order.index("good")           # good requires legacy, offered after it
    assert by_name["good"].version == "1.2.3" and by_name["good"].origin == ENV
    assert by_name["legacy"].plugin.name == "legacy"             # a bare register() named after its module


def test_install_failure_is_listed_and_the_runtime_starts(loaded, sqlite_engine):
    regs, by_name = loaded
    rt = Runtime(sqlite_engine, ttl=0, registries=regs, plugins=list(by_name.values()))
    installed = {s.name: s for s in rt.plugins}
    assert installed["broken_install"].error == "install: ValueError: cannot reach the SMS gateway"
    good = by_name["good"].plugin
    assert rt in good.installed and installed["good"].active
    assert "good.after_insert" in [h[2] for h in rt.lifecycle._handlers["after_insert"]]
    assert "good.ping" in rt.jobs.registry and "imports.run" in rt.jobs.registry  # a plugin's job, the core's
    assert installed["good"].frontend_urls()[0].startswith("/plugins/good/hello.js?v=")
    assert installed["broken_install"].frontend_urls() == []


def test_the_process_has_the_core_engines_and_the_rating_plugin():
    names = {s.name: s for s in states()}
    assert all(names[n].active and names[n].core for n in ("field_types", "audit", "imports"))
    rating = names.get("rating")
    if rating is None:
        pytest.skip("trellis-rating is not installed (pip install -e plugins/trellis_rating)")
    assert rating.active and rating.origin == "entry point trellis-rating" and not rating.core


def test_a_bad_plugin_object_is_refused(monkeypatch):
    monkeypatch.setenv(ENV, "plugin_samples:__doc__")
    found = [s for s in load(Registries()) if s.origin == ENV]
    assert len(found) == 1 and found[0].error.startswith("import: TypeError: ")
