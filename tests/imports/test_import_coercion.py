"""Values as Chinese spreadsheets really hold them, read through a whole import: numbers
with separators, full-width digits, 万/亿, percentages, dates in every usual shape and as
Excel serials or date cells, 是/否, selects and multi selects by label, people by name or
login, departments by name, related records by title or by a key field, formulas as
their cached values, CSV in UTF-8 and GBK."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from import_helpers import add_users, error_rows, run_import, write_csv, write_xlsx
from samples import install
from trellis.plugins import load_registries
from trellis.provision.org import ensure_departments

APP = {"schema_version": 1, "id": "crm2", "label": {"zh": "客户2"}, "forms": ["broker", "lead"]}
BROKER = {"schema_version": 1, "id": "broker", "label": {"zh": "居间人", "en": "Broker"}, "title_field": "name",
          "fields": [{"id": "name", "type": "text", "label": {"zh": "姓名", "en": "Name"}, "required": True},
                     {"id": "code", "type": "text", "label": {"zh": "编码", "en": "Code"}, "unique": True}]}
LEAD = {"schema_version": 1, "id": "lead", "label": {"zh": "线索", "en": "Lead"}, "title_field": "name", "fields": [
    {"id": "name", "type": "text", "label": {"zh": "名称", "en": "Name"}, "required": True},
    {"id": "lots", "type": "integer", "label": {"zh": "手数", "en": "Lots"}},
    {"id": "price", "type": "decimal", "label": {"zh": "价格", "en": "Price"}, "precision": 2},
    {"id": "equity", "type": "money", "label": {"zh": "权益", "en": "Equity"}},
    {"id": "margin", "type": "percent", "label": {"zh": "保证金占用", "en": "Margin"}},
    {"id": "opened", "type": "date", "label": {"zh": "开户日期", "en": "Opened"}},
    {"id": "seen", "type": "datetime", "label": {"zh": "回访时间", "en": "Seen"}},
    {"id": "vip", "type": "boolean", "label": {"zh": "重点客户", "en": "Key client"}},
    {"id": "risk", "type": "single_select", "label": {"zh": "风险等级", "en": "Risk"}, "options": [
        {"value": "C1", "label": {"zh": "保守型", "en": "Conservative"}},
        {"value": "C3", "label": {"zh": "稳健型", "en": "Steady"}},
        {"value": "inst", "label": {"zh": "机构(一般法人)", "en": "Institution"}}]},
    {"id": "products", "type": "multi_select", "label": {"zh": "品种", "en": "Products"}, "options": [
        {"value": "rb", "label": {"zh": "螺纹钢"}}, {"value": "cu", "label": {"zh": "铜"}},
        {"value": "au", "label": {"zh": "黄金"}}]},
    {"id": "manager", "type": "user", "label": {"zh": "客户经理", "en": "Manager"}},
    {"id": "branch", "type": "department", "label": {"zh": "营业部", "en": "Branch"}},
    {"id": "broker", "type": "relation", "label": {"zh": "居间人", "en": "Broker"}, "target": "broker"},
]}
HEAD = ["名称", "手数", "价格", "权益", "保证金占用", "开户日期", "回访时间", "重点客户", "风险等级", "品种", "客户经理",
        "营业部", "居间人"]
MAP = dict(enumerate(["name", "lots", "price", "equity", "margin", "opened", "seen", "vip", "risk", "products",
                      "manager", "branch", "broker"]))


@pytest.fixture
def crm2(irt):
    install(irt, BROKER, LEAD, app=APP)
    users = add_users(irt, [("zhangsan", "三", "张"), ("lisi", "四", "李"), ("wangwu1", "五", "王"),
                            ("wangwu2", "五", "王")])
    with irt.engine.begin() as conn:
        depts = ensure_departments(conn, [{"code": "sh", "name": "上海营业部", "name_en": "Shanghai"},
                                          {"code": "bj", "name": "北京营业部"}])
    brokers = irt.records("crm2", "broker")
    b1 = brokers.create({"name": "居间人甲", "code": "IB001"})
    b2 = brokers.create({"name": "同名居间人", "code": "IB002"})
    b3 = brokers.create({"name": "同名居间人", "code": "IB003"})
    return {"users": users, "depts": depts, "brokers": (b1["id"], b2["id"], b3["id"])}


def _leads(rt) -> list[dict]:
    return rt.records("crm2", "lead").list(sort="id", limit=100)["items"]


ROWS = [
    ["  客户甲 ", "１２", "1,234.5", "1.5万", "80%", "2024年1月5日", "2024-01-05 13:05", "是", "保守型", "螺纹钢、铜",
     "张三", "上海营业部", "居间人甲"],
    ["客户乙", "3万", "１，２３４．５６", "¥2,000", "８０％", "2024/1/5", "2024年1月5日 下午1点05分", "否", "C3",
     "cu,au;rb", "lisi", "Shanghai", "IB002"],
    ["客户丙", 12.0, 3, "3亿", "5‰", "2024.01.05", "2024/1/5 13:05:00", "√", "机构（一般法人）", "黄金|铜", "ZHANGSAN",
     "bj", None],
]


def test_chinese_values_through_an_import(crm2, irt, tmp_path):
    rows = [HEAD] + [list(r) for r in ROWS]
    rows[2][12] = None
    rows.append(["客户丁", 7, 1, 1, 0.25, dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 13, 5), "有", "c1", "铜 、 黄金",
                 "王五", "北京营业部", crm2["brokers"][0]])
    out = run_import(irt, write_xlsx(tmp_path / "cn.xlsx", rows), MAP, form="lead", app="crm2", on_error="skip")
    assert out["failed"] == 1, error_rows(irt, out)
    reason = error_rows(irt, out)[1][-1]
    assert error_rows(irt, out)[1][0] == 5 and "王五" in reason and "多个用户" in reason and "several users" in reason
    leads = _leads(irt)
    assert len(leads) == 3
    a, b, c = leads
    assert a["name"] == "客户甲" and a["lots"] == 12 and a["price"] == 1234.5 and a["equity"] == 15000
    assert a["margin"] == 0.8 and a["opened"] == "2024-01-05" and a["seen"] == "2024-01-05T13:05:00"
    assert a["vip"] is True and a["risk"] == "C1" and a["products"] == ["rb", "cu"]
    assert a["manager"] == crm2["users"]["zhangsan"] and a["branch"] == crm2["depts"]["sh"]
    assert a["broker"] == crm2["brokers"][0]
    assert b["lots"] == 30000 and b["price"] == 1234.56 and b["equity"] == 2000 and b["margin"] == 0.8
    assert b["seen"] == "2024-01-05T13:05:00" and b["vip"] is False and b["risk"] == "C3"
    assert b["products"] == ["rb", "cu", "au"] and b["manager"] == crm2["users"]["lisi"]
    assert b["branch"] == crm2["depts"]["sh"] and b["broker"] is None  # "IB002" is no broker's name
    assert c["lots"] == 12 and c["equity"] == 3e8 and c["margin"] == 0.005 and c["risk"] == "inst"
    assert c["products"] == ["cu", "au"] and c["manager"] == crm2["users"]["zhangsan"]
    assert c["branch"] == crm2["depts"]["bj"]


def test_relations_by_key_field_ambiguous_and_missing(crm2, irt, tmp_path):
    rows = [["名称", "居间人"], ["按编码", "IB003"], ["重名", "同名居间人"], ["没有", "不存在的人"], ["按编号", f"#{crm2['brokers'][1]}"]]
    mapping = {0: "name", 1: "broker"}
    out = run_import(irt, write_xlsx(tmp_path / "r.xlsx", rows), mapping, form="lead", app="crm2", on_error="skip",
                     options={"match": {"broker": "code"}})
    assert (out["inserted"], out["failed"]) == (2, 2)
    reasons = [r[-1] for r in error_rows(irt, out)[1:]]
    assert "找不到记录“同名居间人”" in reasons[0] and "[B]" in reasons[0]
    assert "不存在的人" in reasons[1]
    assert [x["broker"] for x in _leads(irt)] == [crm2["brokers"][2], crm2["brokers"][1]]
    out = run_import(irt, write_xlsx(tmp_path / "r2.xlsx", [["名称", "居间人"], ["重名", "同名居间人"]]), mapping,
                     form="lead", app="crm2", on_error="skip")
    reason = error_rows(irt, out)[1][-1]
    assert "对应多个记录" in reason and str(crm2["brokers"][1]) in reason and "match by a unique field" in reason


def test_formulas_give_their_cached_values(crm2, irt, tmp_path):
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["名称", "手数", "价格"])
    ws.write_string(1, 0, "公式行")
    ws.write_formula(1, 1, "=2*3", None, 6)
    ws.write_formula(1, 2, "=B2/4", None, 1.5)
    wb.close()
    out = run_import(irt, path, {0: "name", 1: "lots", 2: "price"}, form="lead", app="crm2")
    assert out["status"] == "done", out["message"]
    assert (_leads(irt)[0]["lots"], _leads(irt)[0]["price"]) == (6, 1.5)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(crm2, irt, tmp_path, encoding):
    rows = [["名称", "手数", "开户日期", "重点客户", "品种"], ["客户甲", "1,200", "2024/3/1", "否", "黄金；铜"]]
    out = run_import(irt, write_csv(tmp_path / "c.csv", rows, encoding), {0: "name", 1: "lots", 2: "opened", 3: "vip",
                                                                           4: "products"}, form="lead", app="crm2")
    assert out["status"] == "done", out["message"]
    lead = _leads(irt)[0]
    assert (lead["name"], lead["lots"], lead["opened"], lead["vip"], lead["products"]) == \
        ("客户甲", 1200, "2024-03-01", False, ["cu", "au"])


def test_field_types_read_chinese_forms():
    """The field-type coercions the import relies on (the types own coercion)."""
    types = load_registries().field_types

    def c(kind, value, **kw):
        return types.get(kind)(dict(id="x", type=kind, **kw)).coerce(value)
    assert c("integer", "1.5万") == 15000 and c("integer", "１２") == 12 and c("integer", "1,200万") == 12000000
    assert c("decimal", "3亿") == 3e8 and c("decimal", "1.23456万") == 12345.6
    assert c("boolean", "有") is True and c("boolean", "无") is False
    opts = {"options": [{"value": "C1", "label": {"zh": "保守型"}}, {"value": "inst", "label": {"zh": "机构(一般法人)"}}]}
    assert c("single_select", "Ｃ１", **opts) == "C1" and c("single_select", "机构（一般法人）", **opts) == "inst"
    assert c("multi_select", "C1|inst", **opts) == ["C1", "inst"] and c("multi_select", "保守型｜inst", **opts) == ["C1", "inst"]
    from trellis.forms.types.base import CoerceError
    with pytest.raises(CoerceError):
        c("integer", "万")
    with pytest.raises(CoerceError):
        c("integer", "1.5")


def test_numbers_and_dates_from_cells(crm2, irt, tmp_path):
    """Numbers typed as numbers, Excel serials in a date column, a date cell in a text column."""
    rows = [["名称", "手数", "开户日期", "回访时间"], ["甲", 5, 45296, 45296.5], [dt.date(2024, 1, 5), 5.0, "45296", None]]
    out = run_import(irt, write_xlsx(tmp_path / "n.xlsx", rows), {0: "name", 1: "lots", 2: "opened", 3: "seen"},
                     form="lead", app="crm2", on_error="skip")
    leads = _leads(irt)
    assert leads[0]["opened"] == "2024-01-05" and leads[0]["seen"] == "2024-01-05T12:00:00"
    # "45296" as text is the serial a CSV of an unformatted date cell holds
    assert out["failed"] == 0 and leads[1]["opened"] == "2024-01-05"
    with irt.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from crm2__lead")).scalar() == 2
