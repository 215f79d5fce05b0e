"""Drawing one client of the futures CRM generator: who they are (manager, type, identity,
source), their dates on the trading calendar, money and permissions, products, trading
behaviour, tier, life-cycle stage and tags, and then the client row."""
from __future__ import annotations

import math

from .gen_tables import (
    BASE, BRANCHES, CLIENT_REMARKS, DATE_S, FIRM_WORDS, GIVEN, INDUSTRIES, L, L180, L30, L5Y,
    MOBILE_PREFIXES, REF, RESTRICTED, TD, TS, _CITY, _DD_BASE, _MOB_A, _MOB_M, _N_FIRM,
    _N_GIVEN, _N_MOB, _PROD_INFO, _REGION, _SAME_SECTOR, _SUR_T, _T_CHURN, _T_CTYPE, _T_IDTYPE,
    _T_PROD, _T_PURPOSE, _T_RISK, _T_SRC,
)


class _C:
    """One client's state while its rows are drawn."""

    __slots__ = (
        "cid", "am", "branch", "ctype", "name", "purpose", "id_type", "id_number", "mu", "sigma",
        "experience", "src", "investor", "industry", "ib", "mobile", "risk", "size", "intended",
        "o_idx", "opened", "tenure", "status", "fd_idx", "ft_idx", "lt_idx", "c_idx", "closed_o",
        "cause", "last_o", "recency", "first_dep", "equity", "permissions", "fp", "pref",
        "sectors", "usage", "freq", "aoi", "margin", "drawdown", "first_lots", "pe_kind",
        "ev_idx", "pe_id", "complained", "tier", "stage", "tags",
    )


class ClientDraws:
    """The steps that fill in a client's state (`_C`) and build its row. Mixed into the
    client drawer, which provides `rnd`, `gauss`, `uids`, `n_uid`, `mgr_branch`, `seed`,
    `ibs_by_branch` and `all_ibs`."""

    # -- who: manager, type, identity, source ---------------------------------------------
    def who(self, c: _C, i: int):
        rnd = self.rnd
        k = int(rnd() * self.n_uid)
        c.am = self.uids[k]
        c.branch = branch = self.mgr_branch[k]
        c.ctype = ctype = _T_CTYPE[int(rnd() * TS)]
        c.industry = None
        if ctype == "individual":
            name = _SUR_T[int(rnd() * 8192)] + GIVEN[int(rnd() * _N_GIVEN)]
            if rnd() < 0.72:
                name += GIVEN[int(rnd() * _N_GIVEN)]
            c.name = name
            c.purpose = _T_PURPOSE[int(rnd() * TS)]
            c.id_type = id_type = _T_IDTYPE[int(rnd() * TS)]
            if id_type == "id_card":
                reg = _REGION[branch] if rnd() < 0.7 else BRANCHES[int(rnd() * 12)][4]
                c.id_number = reg + "********" + "%03d" % int(rnd() * 1000) + (
                    "X" if rnd() < 0.09 else str(int(rnd() * 10)))
            elif id_type == "passport":
                c.id_number = "E%08d" % int(rnd() * 1e8)
            else:
                c.id_number = ("H" if id_type == "hk_macau" else "") + "%08d" % int(rnd() * 1e8)
            c.mu, c.sigma = 11.9, 1.25
            experience = int(-math.log(1.0 - rnd()) * 4.5)
            c.experience = experience if experience <= 30 else 30
            c.src = _T_SRC[int(rnd() * TS)]
            c.investor = "ordinary"
        else:
            w = FIRM_WORDS[int(rnd() * _N_FIRM)] + FIRM_WORDS[int(rnd() * _N_FIRM)]
            if ctype == "institution":
                ind = INDUSTRIES[int(rnd() * len(INDUSTRIES))]
                c.industry = ind[1]
                c.name = _CITY[branch] + w + ind[0]
                c.purpose = "hedging" if rnd() < 0.7 else "arbitrage" if rnd() < 0.5 else "speculation"
                c.mu, c.sigma = 14.6, 1.2
            else:
                c.name = w + "资产管理有限公司-" + FIRM_WORDS[int(rnd() * _N_FIRM)] + \
                    FIRM_WORDS[int(rnd() * _N_FIRM)] + "%d号私募证券投资基金" % (1 + int(rnd() * 20))
                c.purpose = "arbitrage" if rnd() < 0.5 else "speculation"
                c.mu, c.sigma = 15.2, 1.0
            c.id_type = "business_license"
            c.id_number = "91" + _REGION[branch] + "MA" + "%07d" % int(rnd() * 1e7) + "X"
            c.experience = 2 + int(rnd() * 15)
            c.src = ("market", "ib", "research", "referral", "branch")[int(rnd() ** 1.2 * 5)]
            c.investor = "professional" if rnd() < 0.85 else "ordinary"
        c.ib = None
        if c.src == "ib":
            cand = self.ibs_by_branch.get(branch) or self.all_ibs
            c.ib = cand[int(len(cand) * rnd() ** 1.6)][0]   # a few brokers bring many clients
            c.mu += 0.9   # brokers bring the larger private clients: ~half of client equity
        # unique: i -> (A*i + B) mod 1e8 is a bijection on the last eight digits
        c.mobile = MOBILE_PREFIXES[int(rnd() * _N_MOB)] + \
            "%08d" % ((_MOB_A * i + 7_654_321 * (self.seed + 1)) % _MOB_M)
        risk = _T_RISK[int(rnd() * TS)]
        c.risk = "C3" if ctype != "individual" and risk in ("C1", "C2") else risk

    # -- size and the dates on the trading calendar ----------------------------------------
    def timeline(self, c: _C):
        rnd = self.rnd
        size = math.exp(c.mu + c.sigma * self.gauss(0.0, 1.0))
        c.size = size = size if size < 3e9 else 3e9
        if c.investor == "ordinary" and c.ctype == "individual" and (
                size > 5e6 and rnd() < 0.5 or rnd() < 0.02):
            c.investor = "professional"
        ifz = size * math.exp(0.5 * self.gauss(0.0, 1.0))
        c.intended = ("under_100k" if ifz < 1e5 else "from_100k" if ifz < 5e5 else "from_500k"
                      if ifz < 1e6 else "from_1m" if ifz < 5e6 else "from_5m" if ifz < 1e7
                      else "over_10m")
        c.o_idx = o_idx = L - int((L - L5Y) * rnd() ** 1.35)          # more recent openings
        c.opened = TD[o_idx]
        c.tenure = REF - c.opened
        status = "prospect" if rnd() < (0.3 if c.tenure < 60 else 0.02) else "active"
        fd_idx = ft_idx = lt_idx = c_idx = -1
        cause = None       # why a client is at risk: "loss" | "complaint" | None (long idle)
        if status != "prospect":
            r = rnd()
            fd_idx = o_idx + (0 if r < 0.45 else 1 + int(rnd() * 3) if r < 0.8 else 4 + int(rnd() * 20))
            fd_idx = fd_idx if fd_idx < L else L
            r = rnd()
            ft_idx = fd_idx + (0 if r < 0.3 else 1 + int(rnd() * 5) if r < 0.75 else 6 + int(rnd() * 50))
            ft_idx = ft_idx if ft_idx < L else L
            r = rnd()
            if r < 0.045 and L - ft_idx > 60:
                status = "closed"
                c_idx = ft_idx + 5 + int(rnd() * (L - ft_idx - 5))
                lt_idx = c_idx - int(rnd() * min(40, c_idx - ft_idx))
            elif r < 0.345 and ft_idx <= L30:
                lo = max(ft_idx, L180 + 1)
                if r < 0.145:
                    status = "at_risk"
                    if ft_idx <= L180 and rnd() < 0.5:      # idle for more than 180 days
                        lt_idx = ft_idx + int(rnd() * (L180 - ft_idx + 1))
                        cause = ("loss", "complaint", None, None)[int(rnd() * 4)]
                    else:                                   # idle 31..180 days after a shock
                        lt_idx = lo + int(rnd() * (L30 - lo + 1))
                        cause = "loss" if rnd() < 0.55 else "complaint"
                else:                                       # dormant: idle 31..180 days
                    status = "dormant"
                    lt_idx = lo + int(rnd() * (L30 - lo + 1))
            else:
                lt_idx = L - int(-math.log(1.0 - rnd()) * 3.0)
                if lt_idx <= L30:
                    lt_idx = L30 + 1
                if lt_idx < ft_idx:
                    lt_idx = ft_idx
        c.status, c.cause = status, cause
        c.fd_idx, c.ft_idx, c.lt_idx, c.c_idx = fd_idx, ft_idx, lt_idx, c_idx
        c.closed_o = TD[c_idx] if c_idx >= 0 else None
        c.last_o = TD[lt_idx] if lt_idx >= 0 else None
        c.recency = REF - c.last_o if lt_idx >= 0 else None

    # -- money and permissions ---------------------------------------------------------------
    def money(self, c: _C):
        rnd, gauss = self.rnd, self.gauss
        status, size = c.status, c.size
        if status == "prospect":
            c.first_dep = first_dep = None
            c.equity = 0.0
        else:
            first_dep = size * math.exp(0.45 * gauss(0.0, 1.0) - 0.3)
            first_dep = float(round(first_dep, -3)) if first_dep >= 20000 else float(round(first_dep, -2))
            c.first_dep = first_dep = first_dep if first_dep >= 5000 else 5000.0
            if status == "active":
                equity = size * math.exp(0.35 * gauss(0.0, 1.0))
            elif status == "dormant":
                equity = size * (0.05 + 0.95 * rnd())
            elif status == "at_risk":
                equity = size * (0.01 + 0.6 * rnd())
            else:
                equity = 0.0
            c.equity = round(equity, 2)
        # index futures / specific products: 50万 suitability threshold, or an institution
        permissions = []
        if status != "prospect":
            if c.ctype != "individual" or first_dep >= 500000 or size >= 800000 and c.experience >= 1:
                permissions.append("index_futures")
                if rnd() < 0.5:
                    permissions.append("options")
                if rnd() < 0.35:
                    permissions.append("specific")
            elif c.experience >= 1 and rnd() < 0.1:
                permissions.append("options")
        c.permissions = permissions

    # -- products: first product, preferences (mostly the same sector) -------------------------
    def products(self, c: _C):
        rnd = self.rnd
        permissions = c.permissions
        fp = c.industry[int(rnd() * len(c.industry))] if c.industry else _T_PROD[int(rnd() * TS)]
        if fp in RESTRICTED and RESTRICTED[fp] not in permissions:
            fp = "rb" if rnd() < 0.5 else "m"
        pref = [fp]
        for _ in range(int(rnd() * 3.2)):
            sib = _SAME_SECTOR[fp]
            if rnd() < 0.7 and sib:
                cand = sib[int(rnd() * len(sib))]
            else:
                cand = _T_PROD[int(rnd() * TS)]
            if cand not in pref and (cand not in RESTRICTED or RESTRICTED[cand] in permissions):
                pref.append(cand)
        sectors = []
        for p in pref:
            s = _PROD_INFO[p][1]
            if s not in sectors:
                sectors.append(s)
        c.fp, c.pref, c.sectors = fp, pref, sectors

    # -- trading behaviour --------------------------------------------------------------------
    def behaviour(self, c: _C):
        rnd = self.rnd
        status = c.status
        r = rnd()
        usage = (0.1 + 0.5 * rnd()) if r < 0.82 else (0.6 + 0.2 * rnd()) if r < 0.94 else \
            (0.8 + 0.17 * rnd()) if r < 0.985 else 0.03 + 0.07 * rnd()
        if status == "prospect":
            c.freq, c.aoi, c.usage, c.margin, c.drawdown, c.first_lots = 0, 0.0, None, 0.0, None, None
            return
        recency = c.recency
        if status == "active":
            freq = int(math.exp(1.7 + 1.0 * self.gauss(0.0, 1.0)))
            freq = 1 if freq < 1 else 600 if freq > 600 else freq
            margin = usage * (0.6 + 0.7 * rnd())
            margin = margin if margin < 0.99 else 0.99
        elif status == "dormant":
            freq = int(rnd() * 3) if recency < 90 else 0
            margin = usage * rnd() if rnd() < 0.3 else 0.0
        elif status == "at_risk":
            freq = int(rnd() * 2) if recency < 90 else 0
            margin = usage * rnd() if rnd() < 0.2 else 0.0
        else:
            freq, margin = 0, 0.0
        value = _PROD_INFO[c.fp][0]
        first_lots = int(c.first_dep * usage / (value * 0.12) * (0.2 + 0.8 * rnd()))
        c.first_lots = 1 if first_lots < 1 else 2000 if first_lots > 2000 else first_lots
        equity = c.equity
        c.aoi = round(equity * usage / (value * 0.12) * (0.5 + rnd()), 1) if equity > 0 else 0.0
        drawdown = _DD_BASE[c.risk] * (0.5 + usage) * math.exp(0.5 * self.gauss(0.0, 1.0))
        if c.cause == "loss":
            drawdown = 0.25 + 0.4 * rnd()
        c.drawdown = round(drawdown if drawdown < 0.95 else 0.95, 4)
        c.usage = round(usage, 4)
        c.margin = round(margin, 4)
        c.freq = freq

    # -- tier (RFM rules of the paper), life-cycle stage, tags ------------------------------
    def segment(self, c: _C):
        rnd = self.rnd
        status, recency, equity, freq = c.status, c.recency, c.equity, c.freq
        big_loss = c.pe_kind in ("big_loss", "drawdown")
        if status in ("prospect", "closed"):
            tier = None
        elif recency > 30 and (big_loss or c.complained) or recency > 180:
            tier = "churn_risk"
        elif equity >= 1e6 and recency <= 30 and freq >= 8:
            tier = "hnw_active"
        elif equity >= 5e5 and (recency > 30 or freq < 4):
            tier = "low_freq_value"
        elif recency <= 30 and freq >= 4 and equity >= 1e5 or equity >= 5e5:
            tier = "growth"
        else:
            tier = "retail"
        if status == "dormant" and tier == "churn_risk":
            c.status = status = "at_risk"
        c.tier = tier
        tenure, experience = c.tenure, c.experience
        if tenure < 90 or tenure < 365 and experience < 3:
            c.stage = "novice"
        elif tenure >= 1095 or experience >= 10:
            c.stage = "mature"
        else:
            c.stage = "growth"
        tags = []
        if tier == "hnw_active" or equity >= 5e6:
            tags.append("key_client")
        if c.purpose == "hedging":
            tags.append("hedging")
        if freq >= 100:
            tags.append("quant")
        if c.margin >= 0.8:
            tags.append("high_leverage")
        if big_loss:
            tags.append("big_loss")
        if c.complained:
            tags.append("complained")
        if rnd() < 0.08:
            tags.append("fee_sensitive")
        if c.src == "club" or rnd() < 0.03:
            tags.append("club")
        if tenure < 90:
            tags.append("new")
        if c.src == "referral" and rnd() < 0.3:
            tags.append("referrer")
        c.tags = tags

    def client_row(self, c: _C) -> dict:
        rnd = self.rnd
        tier, tags, status = c.tier, c.tags, c.status
        r = rnd()
        if tier == "hnw_active" or c.ctype != "individual":
            chans = ["phone", "wechat"] if r < 0.5 else ["wecom", "phone", "email"] if r < 0.8 else ["wechat"]
        elif r < 0.35:
            chans = ["app_push", "wechat"]
        elif r < 0.55:
            chans = ["phone", "sms"]
        elif r < 0.75:
            chans = ["wechat"]
        elif r < 0.88:
            chans = ["app_push", "sms", "email"]
        else:
            chans = ["wecom", "app_push"]
        services = []
        if status != "prospect":
            services.append("statement")
            if rnd() < 0.3:
                services.append("market_sms")
            if tier in ("hnw_active", "low_freq_value") or rnd() < 0.15:
                services.append("research")
            if tier == "hnw_active" or "key_client" in tags:
                services.append("one_on_one")
                if rnd() < 0.5:
                    services.append("plan")
            if "quant" in tags:
                services.append("quant_api")
            if "club" in tags:
                services.append("club")
            if c.ctype != "individual" or rnd() < 0.05:
                services.append("advisory")
        churn_reason = None
        if status == "closed":
            churn_reason = "ib_left" if c.ib is not None and rnd() < 0.35 else _T_CHURN[int(rnd() * TS)]
        traded = c.ft_idx >= 0
        fd_o = TD[c.fd_idx] if c.fd_idx >= 0 else None
        return {
            "id": c.cid, "name": c.name, "mobile": c.mobile, "id_type": c.id_type,
            "id_number": c.id_number, "client_type": c.ctype, "trading_purpose": c.purpose,
            "source_channel": c.src, "risk_level": c.risk, "investor_type": c.investor,
            "experience_years": c.experience, "intended_funds": c.intended,
            "permissions": c.permissions, "opened_at": DATE_S[c.opened - BASE],
            "first_deposit_amount": c.first_dep,
            "first_deposit_date": DATE_S[fd_o - BASE] if fd_o else None,
            "first_product": c.fp if traded else None, "first_lots": c.first_lots,
            "preferred_products": c.pref if traded else [],
            "preferred_sectors": c.sectors if traded else [],
            "avg_margin_usage": c.usage, "equity": c.equity,
            "margin_ratio": c.margin,
            "status": status, "lifecycle_stage": c.stage,
            "account_manager": c.am, "branch": c.branch, "introducing_broker": c.ib,
            "tags": tags, "channel_preference": chans, "services": services,
            # contacts of the channels the client prefers (example.com: the demo never sends)
            "email": f"c{c.cid}@example.com" if "email" in chans else None,
            "wecom_external_id": f"wm{c.cid:08d}" if "wecom" in chans else None,
            "churn_reason": churn_reason,
            "closed_at": DATE_S[c.closed_o - BASE] if c.closed_o else None,
            "remark": CLIENT_REMARKS[int(rnd() * len(CLIENT_REMARKS))] if rnd() < 0.05 else None,
        }
