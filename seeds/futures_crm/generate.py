"""Synthetic data for the futures CRM seed (standard library only).

    managers(n_clients, seed)                   -> the account-manager users to create
    generate(n_clients, manager_ids=..., ...)   -> iterator of (form_id, rows)

Everything is drawn from one `random.Random(seed)` per stream (introducing brokers,
content, clients), relative to the fixed reference date REF_DATE, so the same arguments
give the same rows. Rows are in the JSON form of the field types (dates "YYYY-MM-DD",
datetimes "YYYY-MM-DDTHH:MM:SS", money floats rounded to 2, percents as fractions,
multi selects as lists, users and relations as integer ids) and carry an explicit
sequential "id" per form. Clients are produced in chunks; a chunk's related rows follow
its clients and nothing of a chunk is kept once it is yielded, so memory does not grow
with n. The output does not depend on `chunk` (only the grouping of rows does).

Run `python generate.py [N]` for counts per form and the generation speed.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import random
import sys
import time
from pathlib import Path


def _register_package(name: str, folder: Path) -> None:
    """Make `folder` importable as the package `name`: it has no __init__.py and callers
    load this file by path, yet the modules beside this file import each other relatively.
    An entry for another folder under the same name is replaced."""
    pkg = sys.modules.get(name)
    if pkg is not None and list(getattr(pkg, "__path__", ())) == [str(folder)]:
        return
    for key in [k for k in sys.modules if k.startswith(name + ".")]:
        del sys.modules[key]
    spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
    spec.submodule_search_locations = [str(folder)]
    sys.modules[name] = importlib.util.module_from_spec(spec)


_register_package("futures_crm_seed", Path(__file__).resolve().parent)

from futures_crm_seed.gen_clients import _C, ClientDraws  # noqa: E402
from futures_crm_seed.gen_events import RelatedRows  # noqa: E402
# the reference tables are part of this module's interface
from futures_crm_seed.gen_tables import (  # noqa: E402
    BANKS, BASE, BRANCHES, CLIENT_REMARKS, COMPLAINT_BY_SUBJECT, CONTENT_KINDS, CONTENT_TITLES,
    DATE_S, DEPT_ZH, FIRM_WORDS, FOLLOW_SUMMARY, FORMS, GIVEN, INDUSTRIES, L, L180, L30, L5Y,
    MOBILE_PREFIXES, PRODUCTS, REF, REF_DATE, RESOLUTIONS, RESTRICTED, ROUTE, SECTORS, SURNAMES,
    SURVEY_COMMENTS, TD, TDS, TICKET_SUBJECTS, TOP, TS, _chinese_name, _ds, _HM, _mobile,
    _OFFICE_W, _SS, _SUR_T, _table,
)


# -- managers -----------------------------------------------------------------------------

def managers(n_clients: int, seed: int = 7) -> list[dict]:
    """The account managers (users) the clients belong to: ~1 per 200 clients (3..2000),
    spread over the branches (every branch first, then by branch size)."""
    n = max(3, min(2000, round(n_clients / 200)))
    rng = random.Random(seed * 7919 + 101)
    rnd = rng.random
    by_size = sorted(BRANCHES, key=lambda b: -b[5])
    br_t = _table([(b[0], b[5]) for b in BRANCHES])
    out = []
    for k in range(n):
        branch = by_size[k][0] if k < len(by_size) else br_t[int(rnd() * len(br_t))]
        given = GIVEN[int(rnd() * len(GIVEN))]
        if rnd() < 0.7:
            given += GIVEN[int(rnd() * len(GIVEN))]
        username = "am%04d" % (k + 1)
        out.append({"username": username, "first_name": given,
                    "last_name": _SUR_T[int(rnd() * len(_SUR_T))],
                    "email": username + "@example.com", "branch": branch})
    return out


# -- the generator --------------------------------------------------------------------------

class _Ctx:
    """State shared by the streams of one generate() call."""

    def __init__(self, n_clients, manager_ids, id_offsets, seed):
        if not manager_ids:
            raise ValueError("manager_ids must not be empty")
        self.n = n_clients
        self.seed = seed
        self.uids = list(manager_ids)
        mgrs = managers(n_clients, seed)
        self.mgr_branch = [mgrs[k % len(mgrs)]["branch"] for k in range(len(self.uids))]
        self.uids_by_branch = {}
        for uid, br in zip(self.uids, self.mgr_branch):
            self.uids_by_branch.setdefault(br, []).append(uid)
        offsets = id_offsets or {}
        self.next_id = {f: int(offsets.get(f, 0)) + 1 for f in FORMS}
        self.ibs_by_branch: dict[str, list[tuple[int, str]]] = {}
        self.all_ibs: list[tuple[int, str]] = []

    def ids(self, form, n):
        first = self.next_id[form]
        self.next_id[form] = first + n
        return first


def _dt(o, minute_of_day, sec):
    return DATE_S[o - BASE] + "T" + _HM[minute_of_day] + _SS[sec]


def _introducing_brokers(ctx: _Ctx) -> list[dict]:
    rng = random.Random(ctx.seed * 7919 + 202)
    rnd = rng.random
    n = max(2, round(ctx.n / 150))
    first = ctx.ids("introducing_broker", n)
    kind_t = _table([("natural", 96), ("studio", 2.5), ("consulting", 1.5)])
    status_t = _table([("active", 85), ("suspended", 8), ("terminated", 7)])
    br_t = _table([(b[0], b[5]) for b in BRANCHES])
    city = {b[0]: b[3] for b in BRANCHES}
    rows = []
    for k in range(n):
        rid = first + k
        branch = br_t[int(rnd() * len(br_t))]
        kind = kind_t[int(rnd() * len(kind_t))]
        if kind == "natural":
            name = _chinese_name(rnd, _SUR_T, GIVEN)
        else:
            w = FIRM_WORDS[int(rnd() * len(FIRM_WORDS))] + FIRM_WORDS[int(rnd() * len(FIRM_WORDS))]
            name = city[branch] + w + ("期货工作室" if kind == "studio" else "投资咨询有限公司")
        signed = TD[L - int(rnd() * (L - 20))]
        status = status_t[int(rnd() * len(status_t))]
        expires = signed + 3 * 365          # three-year contracts, renewed while active
        while status != "terminated" and expires < REF:
            expires += 3 * 365
        if status == "terminated" and expires > REF:
            expires = REF - int(rnd() * (REF - signed))
        staff = ctx.uids_by_branch.get(branch) or ctx.uids
        rows.append({
            "id": rid, "name": name, "kind": kind,
            "mobile": _mobile(k, rnd(), ctx.seed + 99991),
            "branch": branch, "commission_rate": round(0.2 + 0.5 * rnd() ** 1.5, 4),
            "status": status, "signed_at": _ds(signed),
            "expires_at": _ds(expires),
            "liaison": staff[int(rnd() * len(staff))],
            "remark": None if rnd() < 0.8 else "季度考核达标",
        })
        if status != "terminated":
            ctx.ibs_by_branch.setdefault(branch, []).append((rid, status))
        ctx.all_ibs.append((rid, status))
    return rows


def _content(ctx: _Ctx) -> list[dict]:
    rng = random.Random(ctx.seed * 7919 + 303)
    rnd = rng.random
    n = 200
    first = ctx.ids("content", n)
    kind_t = _table(CONTENT_KINDS)
    prod_t = _table([(p, p[6]) for p in PRODUCTS])
    rows = []
    channels = {"high": ["phone", "sms", "app_push"], "medium": ["wechat", "app_push"],
                "low": ["email", "official_account", "news_center"]}
    for k in range(n):
        kind = kind_t[int(rnd() * len(kind_t))]
        prod = prod_t[int(rnd() * len(prod_t))]
        title_tpl = CONTENT_TITLES[kind][int(rnd() * len(CONTENT_TITLES[kind]))]
        generic = "{p}" not in title_tpl
        title = title_tpl.format(p=prod[1])
        products = [] if generic else [prod[0]]
        if products and rnd() < 0.3:
            same = [p[0] for p in PRODUCTS if p[4] == prod[4] and p[0] != prod[0]]
            if same:
                products.append(same[int(rnd() * len(same))])
        if kind == "market":
            urgency = "high" if title.endswith("重大行情解读") else "medium" if rnd() < 0.5 else "low"
        elif kind == "risk_edu":
            urgency = "medium"
        else:
            urgency = "low"
        if kind in ("risk_edu", "guide"):
            risk = ["C1", "C2", "C3"]
        elif kind == "strategy":
            risk = ["C4", "C5"] if rnd() < 0.6 else ["C3", "C4", "C5"]
        else:
            risk = ["C3", "C4", "C5"]
        stages = {"guide": ["novice"], "video": ["novice"], "risk_edu": ["novice", "growth"],
                  "strategy": ["growth", "mature"], "research": ["mature"],
                  "market": ["growth", "mature"]}[kind]
        tiers = {"research": ["hnw_active", "low_freq_value"],
                 "strategy": ["growth", "hnw_active"],
                 "market": ["low_freq_value", "growth", "retail"],
                 "risk_edu": ["churn_risk", "retail"], "guide": ["retail"],
                 "video": ["retail", "growth"]}[kind]
        pub = TD[L - int(rnd() * 250)]
        rows.append({
            "id": first + k, "title": title, "kind": kind, "products": products,
            "risk_levels": risk, "lifecycle_stages": stages, "tiers": tiers,
            "urgency": urgency, "channels": channels[urgency],
            "body": title + "。本文由研究发展部撰写,仅供参考,不构成投资建议。期市有风险,投资需谨慎。",
            "url": "https://research.example.com/content/%d" % (first + k),
            "published_at": _dt(pub, _OFFICE_W[int(rnd() * len(_OFFICE_W))], int(rnd() * 60)),
            "author": ctx.uids[int(rnd() * len(ctx.uids))],
        })
    return rows


def generate(n_clients: int, *, manager_ids: list[int], id_offsets: dict[str, int] | None = None,
             seed: int = 7, chunk: int = 5000):
    """Yield (form_id, rows): introducing brokers, content, then per chunk of clients the
    clients followed by their deposits, trade days, P&L events, tickets, surveys and
    follow-ups. `manager_ids[i]` is the user id of `managers(n_clients, seed)[i]`."""
    ctx = _Ctx(n_clients, manager_ids, id_offsets, seed)
    yield "introducing_broker", _introducing_brokers(ctx)
    yield "content", _content(ctx)
    drawer = _Clients(ctx, random.Random(seed))
    chunk = max(1, int(chunk))
    for start in range(0, n_clients, chunk):
        out = drawer.run(start, min(n_clients, start + chunk))
        for form in FORMS[2:]:
            rows = out[form]
            if rows:
                yield form, rows
        del out


class _Clients(ClientDraws, RelatedRows):
    """Draws the clients of a chunk and their related rows.

    The work is split into small methods on purpose: besides readability, CPython 3.11's
    tracemalloc looks up the line of every allocation by scanning the code object's line
    table, which makes one very large function pathologically slow to trace."""

    def __init__(self, ctx: _Ctx, rng: random.Random):
        self.ctx = ctx
        self.rnd = rng.random
        self.gauss = rng.gauss
        self.uids = ctx.uids
        self.n_uid = len(ctx.uids)
        self.mgr_branch = ctx.mgr_branch
        self.seed = ctx.seed
        self.ibs_by_branch = ctx.ibs_by_branch
        self.all_ibs = [ib for ib in ctx.all_ibs if ib[1] != "terminated"] or ctx.all_ibs

    def run(self, start: int, stop: int) -> dict[str, list[dict]]:
        ctx = self.ctx
        nid = ctx.next_id
        self.clients, self.deposits, self.trade_days, self.pnl_events = [], [], [], []
        self.tickets, self.surveys, self.follow_ups = [], [], []
        self.dep_id, self.td_id = nid["deposit"], nid["trade_day"]
        self.pe_id, self.tk_id = nid["pnl_event"], nid["ticket"]
        self.sv_id, self.fu_id = nid["survey"], nid["follow_up"]
        c_first = nid["client"]
        for i in range(start, stop):
            c = _C()
            c.cid = c_first + (i - start)
            self.who(c, i)
            self.timeline(c)
            self.money(c)
            self.products(c)
            self.behaviour(c)
            self.pnl_event(c)
            self.tickets_of(c)
            self.periodic_survey(c)
            self.segment(c)
            self.clients.append(self.client_row(c))
            if c.status == "prospect":
                self.prospect_follow_up(c)
                continue
            self.deposits_of(c)
            self.trade_days_of(c)
            self.follow_ups_of(c)
        nid["client"] = c_first + (stop - start)
        nid["deposit"], nid["trade_day"] = self.dep_id, self.td_id
        nid["pnl_event"], nid["ticket"] = self.pe_id, self.tk_id
        nid["survey"], nid["follow_up"] = self.sv_id, self.fu_id
        out = {"client": self.clients, "deposit": self.deposits, "trade_day": self.trade_days,
               "pnl_event": self.pnl_events, "ticket": self.tickets, "survey": self.surveys,
               "follow_up": self.follow_ups}
        self.clients = self.deposits = self.trade_days = self.pnl_events = None
        self.tickets = self.surveys = self.follow_ups = None
        return out


def _main(argv):
    n = int(argv[1]) if len(argv) > 1 else 100_000
    mgr = managers(n)
    ids = list(range(1, len(mgr) + 1))
    counts: dict[str, int] = {}
    t0 = time.perf_counter()
    for form, rows in generate(n, manager_ids=ids):
        counts[form] = counts.get(form, 0) + len(rows)
    secs = time.perf_counter() - t0
    total = sum(counts.values())
    print("managers: %d" % len(mgr))
    for form in FORMS:
        print("%-20s %10d" % (form, counts.get(form, 0)))
    print("%-20s %10d   %.1fs   %.0f rows/s" % ("total", total, secs, total / secs))


if __name__ == "__main__":
    _main(sys.argv)
