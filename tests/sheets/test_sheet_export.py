"""Export through the API (xlsx and CSV) as an admin, and as users whose row scope and field
permissions must shape the file; and the `trellis export` command."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
import sqlalchemy as sa

from crm_app import BASE
from trellis.cli.sheets import export_cmd

URL = f"{BASE}/client/export"


def sql(app, query: str, **params):
    with app.extensions["trellis"].engine.connect() as conn:
        return conn.execute(sa.text(query), params).all()


def label(app, field: str, lang: str = "zh") -> str:
    return app.extensions["trellis"].form("futures_crm", "client").field(field).field["label"][lang]


def user_id(app, username: str) -> int:
    return sql(app, "select id from ab_user where username = :u", u=username)[0][0]


def xlsx_rows(resp) -> list[list]:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    ws = openpyxl.load_workbook(io.BytesIO(resp.data), read_only=True).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def csv_rows(resp) -> list[list]:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    assert resp.is_streamed and resp.mimetype == "text/csv"
    data = resp.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_admin_exports_everything_as_users_see_it(crm, login):
    admin = login("admin")
    resp = admin.get(URL, query_string={"format": "xlsx", "sort": "id",
                                         "fields": "id,name,risk_level,permissions,opened_at,first_deposit_amount,"
                                                   "account_manager,branch,introducing_broker,experience_years"})
    assert "attachment" in resp.headers["Content-Disposition"] and "filename*=UTF-8''" in resp.headers[
        "Content-Disposition"]
    rows = xlsx_rows(resp)
    assert rows[0] == ["记录ID", "客户名称", "风险测评结果", "交易权限", "开户日期", "首次入金金额", "客户经理", "营业部",
                       "居间人", "投资经验年限"]
    live = sql(crm, "select c.id, c.name, c.risk_level, c.opened_at, c.first_deposit_amount, u.username, d.name, "
                    "ib.name, c.experience_years, u.first_name, u.last_name from futures_crm__client c "
                    "left join ab_user u on u.id = c.account_manager left join trellis_department d on d.id = c.branch "
                    "left join futures_crm__introducing_broker ib on ib.id = c.introducing_broker "
                    "where c.deleted_at is null order by c.id")
    assert len(rows) - 1 == len(live)
    levels = {"C1": "C1 保守型", "C2": "C2 谨慎型", "C3": "C3 稳健型", "C4": "C4 积极型", "C5": "C5 激进型"}
    for got, want in zip(rows[1:], live):
        assert got[0] == want[0] and got[1] == want[1] and got[2] == levels[want[2]]
        assert isinstance(got[4], dt.datetime) and got[4].date().isoformat() == str(want[3])[:10]
        if want[4] is not None:
            assert isinstance(got[5], (int, float)) and abs(got[5] - float(want[4])) < 0.01
        if want[5] is not None:
            assert got[6] == (f"{want[10] or ''}{want[9] or ''}" or want[5])
        assert got[7] == want[6] and got[8] == want[7]
        assert got[9] == want[8]


def test_csv_in_english_with_filter_sort_search(crm, login):
    admin = login("admin")
    flt = {"and": [{"in": [{"var": "risk_level"}, ["C3", "C4"]]}, {">=": [{"var": "equity"}, 100000]}]}
    resp = admin.get(URL, query_string={"format": "csv", "lang": "en", "filter": json.dumps(flt),
                                         "sort": "-equity,name", "fields": "name,risk_level,equity,status,tags"})
    rows = csv_rows(resp)
    assert rows[0] == ["Name", "Risk assessment", "Equity", "Status", "Tags"]
    want = sql(crm, "select name, equity from futures_crm__client where deleted_at is null and risk_level in "
                    "('C3','C4') and equity >= 100000 order by equity desc, name")
    assert [r[0] for r in rows[1:]] == [w[0] for w in want]
    assert all(r[1] in ("C3 Balanced", "C4 Aggressive") for r in rows[1:])
    assert [float(r[2]) for r in rows[1:]] == sorted((float(r[2]) for r in rows[1:]), reverse=True)
    some = next(r[0] for r in rows[1:4])
    found = csv_rows(admin.get(URL, query_string={"format": "csv", "q": some, "fields": "name"}))
    assert [some] in found[1:]


def test_saved_view_applies_filter_sort_and_columns(crm, login):
    admin = login("admin")
    rows = csv_rows(admin.get(URL, query_string={"format": "csv", "view": "high_net_worth"}))
    view = crm.extensions["trellis"].store.published("futures_crm", "view", "high_net_worth")[0]
    assert rows[0] == [label(crm, f) for f in view["columns"]]
    want = sql(crm, "select name from futures_crm__client where deleted_at is null and equity >= 1000000 "
                    "and status != 'closed' order by equity desc, name")
    assert [r[1] for r in rows[1:]] == [w[0] for w in want]
    assert admin.get(URL, query_string={"view": "no_such_view"}).status_code == 404


def _grant(admin, role: str, body: dict, members: list[int]):
    r = admin.put(f"/api/v1/apps/futures_crm/roles/{role}", json=body)
    assert r.status_code == 200, r.get_json()
    assert admin.post(f"/api/v1/apps/futures_crm/roles/{role}/publish").status_code == 200
    r = admin.put(f"/api/v1/apps/futures_crm/roles/{role}/members", json=members)
    assert r.status_code == 200, r.get_json()


@pytest.fixture(scope="module")
def export_roles(crm, login):
    """Extra roles granting export: an account manager's own clients, and customer service's
    view without the financial fields."""
    admin = login("admin")
    am, cs = user_id(crm, "am0001"), user_id(crm, "cs01")
    _grant(admin, "am_export", {"schema_version": 1, "id": "am_export", "label": {"zh": "客户经理导出", "en": "AM export"},
                                "forms": {"client": {"actions": ["read", "export"],
                                                     "scope": {"==": [{"var": "account_manager"},
                                                                      {"var": "$user.id"}]}}}}, [am])
    _grant(admin, "cs_export", {"schema_version": 1, "id": "cs_export", "label": {"zh": "客服导出", "en": "CS export"},
                                "forms": {"client": {"actions": ["read", "export"],
                                                     "fields": {f: "hidden" for f in HIDDEN_FOR_CS}}}}, [cs])
    yield am, cs
    for role in ("am_export", "cs_export"):
        admin.put(f"/api/v1/apps/futures_crm/roles/{role}/members", json=[])


HIDDEN_FOR_CS = ("equity", "first_deposit_amount", "max_drawdown", "avg_margin_usage", "margin_ratio",
                 "avg_open_interest")


def test_account_manager_needs_the_export_permission(crm, login):
    """The seed's account-manager role may read its clients but not export them."""
    r = login("am0002").get(URL, query_string={"format": "csv"})
    assert r.status_code == 403
    body = r.get_json()
    assert body["code"] == "forbidden" and "导出" in body["message"]["zh"] and "export" in body["message"]["en"]


def test_account_manager_exports_only_own_clients(crm, login, export_roles):
    am, _ = export_roles
    client = login("am0001")
    want = {r[0] for r in sql(crm, "select id from futures_crm__client where deleted_at is null and "
                                   "account_manager = :u", u=am)}
    assert want
    for fmt, read in (("xlsx", xlsx_rows), ("csv", csv_rows)):
        rows = read(client.get(URL, query_string={"format": fmt, "fields": "id,name,account_manager", "sort": "id"}))
        assert {int(r[0]) for r in rows[1:]} == want, fmt
    # a filter cannot reach past the scope
    rows = csv_rows(client.get(URL, query_string={"format": "csv", "fields": "id",
                                                  "filter": json.dumps({">": [{"var": "id"}, 0]})}))
    assert {int(r[0]) for r in rows[1:]} == want


def test_hidden_fields_are_absent(crm, login, export_roles):
    client = login("cs01")
    for fmt, read in (("xlsx", xlsx_rows), ("csv", csv_rows)):
        rows = read(client.get(URL, query_string={"format": fmt}))
        header = rows[0]
        assert "客户名称" in header and not {label(crm, f) for f in HIDDEN_FOR_CS} & set(header)
        assert len(rows) - 1 == sql(crm, "select count(*) from futures_crm__client where deleted_at is null")[0][0]
    r = client.get(URL, query_string={"format": "csv", "fields": "name,equity"})
    assert r.status_code == 400 and r.get_json()["details"]["field"] == "equity"
    r = client.get(URL, query_string={"format": "csv", "filter": json.dumps({">": [{"var": "equity"}, 0]})})
    assert r.status_code == 400
    # a shared view naming a field this user may not see applies without it (as the grid does):
    # its condition, sort key and column on equity are left out, no equity value leaks
    rows = csv_rows(client.get(URL, query_string={"format": "csv", "view": "high_net_worth"}))
    assert rows[0][:2] == [label(crm, "client_code"), label(crm, "name")]
    assert not {label(crm, f) for f in HIDDEN_FOR_CS} & set(rows[0])
    want = sql(crm, "select client_code from futures_crm__client where deleted_at is null and status != 'closed' "
                    "order by name, id")
    assert [r[0] for r in rows[1:]] == [w[0] for w in want]
    # a view's columns this user may not see are dropped (its sort by equity is replaced by the caller's)
    rows = csv_rows(client.get(URL, query_string={"format": "csv", "view": "churn_risk_clients", "sort": "name"}))
    assert rows[0][0] == "客户名称" and not {label(crm, f) for f in HIDDEN_FOR_CS} & set(rows[0])


def test_bad_parameters(crm, login):
    admin = login("admin")
    for qs, code in (({"format": "pdf"}, 400), ({"filter": "{not json"}, 400), ({"fields": "nope"}, 400),
                     ({"sort": "nope"}, 400), ({"lang": "fr"}, 200)):
        r = admin.get(URL, query_string={"format": "csv", **qs})
        assert r.status_code == code, (qs, r.get_data(as_text=True)[:300])
        if code != 200:
            assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    assert admin.get(f"{BASE}/nope/export").status_code == 404


def test_export_is_audited(crm, login):
    admin = login("admin")
    admin.get(URL, query_string={"format": "csv", "fields": "name", "q": "审计"}).get_data()
    rows = sql(crm, "select action, target, after from trellis_audit where action = 'records.export' "
                    "order by id desc limit 1")
    assert rows and rows[0][1] == "client" and "审计" in str(rows[0][2])


def test_cli_export(crm, tmp_path):
    runner = crm.test_cli_runner()
    out = tmp_path / "clients.xlsx"
    flt = json.dumps({"==": [{"var": "risk_level"}, "C5"]})
    result = runner.invoke(export_cmd, ["--app", "futures_crm", "--form", "client", "--filter", flt, "--sort", "-equity",
                                        "--fields", "name,risk_level,equity", "--lang", "en", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out, read_only=True).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    want = sql(crm, "select name from futures_crm__client where deleted_at is null and risk_level = 'C5' "
                    "order by equity desc, id")
    assert rows[0] == ["Name", "Risk assessment", "Equity"] and [r[0] for r in rows[1:]] == [w[0] for w in want]
    assert f"{len(want):,}" in result.output
    out_csv = tmp_path / "mine.csv"
    result = runner.invoke(export_cmd, ["--app", "futures_crm", "--form", "client", "--user", "am0002", str(out_csv)])
    assert result.exit_code == 1 and "export" in result.output and not out_csv.exists()
    result = runner.invoke(export_cmd, ["--app", "futures_crm", "--form", "client", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and ".xlsx" in result.output
