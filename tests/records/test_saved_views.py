"""Saved views fitted to a user: the futures CRM's shared views against its customer-service
role (which may not see equity and the other financial fields), as shipped in the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from trellis.plugins import load_registries
from trellis.forms.model import FormModel
from trellis.records.saved_views import fit_view, has_hidden_parts, prune_filter
from trellis.security.access import Access

SEED = Path(__file__).resolve().parents[2] / "seeds" / "futures_crm"


def load(kind: str, name: str) -> dict:
    return json.loads((SEED / kind / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client_form():
    return FormModel("futures_crm", load("forms", "client"), load_registries().field_types)


@pytest.fixture(scope="module")
def cs(client_form):
    role = load("roles", "customer_service")
    return Access(client_form, [(role["id"], role["forms"]["client"])])


def test_a_view_naming_hidden_fields_opens_without_them(client_form, cs):
    view = load("views", "high_net_worth")
    fitted = fit_view(view, client_form, cs)
    assert fitted["filter"] == {"!=": [{"var": "status"}, "closed"]}
    assert fitted["sort"] == ["name"]
    assert fitted["columns"] == [c for c in view["columns"] if c not in ("equity", "margin_ratio")]
    equity = {"field": "equity", "label": client_form.field("equity").field["label"]}
    margin = {"field": "margin_ratio", "label": client_form.field("margin_ratio").field["label"]}
    assert fitted["dropped"] == {"filter": [equity], "sort": [equity], "columns": [equity, margin]}
    assert "1000000" not in json.dumps(fitted["dropped"])            # labels only, never the condition's value
    assert view["filter"]["and"][0] == {">=": [{"var": "equity"}, 1000000]}   # the stored view is left as it was
    assert has_hidden_parts(view, client_form, cs)


def test_everyone_else_gets_the_view_unchanged(client_form):
    view = load("views", "high_net_worth")
    fitted = fit_view(view, client_form, Access.full(client_form))
    assert fitted == view and not has_hidden_parts(view, client_form, Access.full(client_form))
    assert fit_view(dict(view, dropped={"x": 1}), client_form, Access.full(client_form)) == view  # never stored


def test_groups_keep_their_other_conditions():
    usable = lambda name: name != "equity"  # noqa: E731
    eq = {">=": [{"var": "equity"}, 5]}
    a, b = {"==": [{"var": "tier"}, "A"]}, {"==": [{"var": "status"}, "active"]}
    assert prune_filter({"or": [eq, a, b]}, usable) == ({"or": [a, b]}, ["equity"])
    assert prune_filter({"and": [{"or": [eq, a]}, b]}, usable) == ({"and": [a, b]}, ["equity"])
    assert prune_filter({"and": [{"or": [eq]}, b]}, usable) == (b, ["equity"])
    assert prune_filter({"!": [eq]}, usable) == (None, ["equity"])
    assert prune_filter({"!": {"and": [eq, a]}}, usable) == ({"!": a}, ["equity"])
    assert prune_filter({"and": [a, b]}, usable) == ({"and": [a, b]}, [])
    # a condition reading a hidden field anywhere inside it goes as a whole
    both = {"<": [{"var": "tier"}, {"var": "equity"}]}
    assert prune_filter({"and": [both, a]}, usable) == (a, ["equity"])


def test_deleted_fields_and_the_kanban_and_calendar_fields(client_form, cs):
    view = {"schema_version": 1, "id": "v", "form": "client", "label": {"zh": "v"}, "type": "kanban",
            "filter": {"==": [{"var": "gone"}, 1]}, "columns": ["name", "gone"], "group_by": "equity",
            "date_field": "last_trade_date"}
    fitted = fit_view(view, client_form, cs)
    assert "filter" not in fitted and "group_by" not in fitted and fitted["date_field"] == "last_trade_date"
    assert fitted["columns"] == ["name"]
    assert fitted["dropped"]["filter"] == [{"field": "gone", "label": {"zh": "gone", "en": "gone"}}]
    assert [d["field"] for d in fitted["dropped"]["group_by"]] == ["equity"]
    # a field deleted since is no reason to refuse saving over the view
    assert not has_hidden_parts(dict(view, group_by=None), client_form, cs)
