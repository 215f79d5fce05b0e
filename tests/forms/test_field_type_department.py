"""The department field: an id of the organization's department table, checked on write
and expanded to {"id", "code", "title"}, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from samples import install
from trellis.kernel.errors import ValidationFailed
from trellis.plugins import load_registries
from trellis.forms.types.base import CoerceError
from trellis.forms.types.department import DepartmentType
from trellis.security import org

APP = {"schema_version": 1, "id": "orgdemo", "label": {"zh": "组织演示", "en": "Org demo"}, "forms": ["lead"]}
LEAD = {
    "schema_version": 1, "id": "lead", "label": {"zh": "线索", "en": "Lead"}, "title_field": "name",
    "fields": [
        {"id": "name", "type": "text", "label": {"zh": "名称", "en": "Name"}, "required": True},
        {"id": "branch", "type": "department", "label": {"zh": "营业部", "en": "Branch"}},
    ],
}


def test_registered_as_an_id_field():
    registry = load_registries().field_types
    assert registry.get("department") is DepartmentType
    ft = DepartmentType({"id": "branch", "type": "department", "label": {"zh": "营业部"}})
    assert ft.references == "department" and ft.widget == "department"
    assert DepartmentType.label == {"zh": "部门", "en": "Department"}
    assert ft.coerce("１２") == 12 and ft.coerce({"id": 3}) == 3 and ft.coerce(" ") is None
    assert isinstance(ft.column_type(), sa.BigInteger)
    with pytest.raises(CoerceError) as info:
        ft.coerce("华东营业部")
    assert info.value.code == "invalid_department"
    assert "部门编号" in info.value.message["zh"] and "department id" in info.value.message["en"]


@pytest.fixture
def rt(runtime):
    install(runtime, LEAD, app=APP)
    return runtime


def test_record_with_a_department_checks_and_expands(rt):
    with rt.transaction() as conn:
        east = org.create(conn, code="east", name="华东营业部", name_en="East branch")
    svc = rt.records("orgdemo", "lead")
    rec = svc.create({"name": "甲", "branch": str(east["id"])})
    assert rec["branch"] == east["id"]
    got = svc.get(rec["id"], expand=["branch"])
    assert got["branch"] == {"id": east["id"], "code": "east", "title": "华东营业部"}
    listed = svc.list(filter={"==": [{"var": "branch"}, east["id"]]}, expand=["branch"])
    assert [r["branch"]["title"] for r in listed["items"]] == ["华东营业部"]
    with pytest.raises(ValidationFailed) as e:
        svc.create({"name": "乙", "branch": east["id"] + 1000})
    (err,) = e.value.errors
    assert err["field"] == "branch" and err["code"] == "not_found"
    assert "部门" in err["message"]["zh"] and "department" in err["message"]["en"]
    with rt.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from orgdemo__lead")).scalar() == 1
