"""The rows that hang off a client in the futures CRM generator: large P&L events, tickets
with their closing surveys, periodic surveys, deposits and withdrawals, daily trading
summaries and follow-ups."""
from __future__ import annotations

import math

from .gen_clients import _C
from .gen_tables import (
    BASE, COMPLAINT_BY_SUBJECT, DATE_S, DEPT_ZH, FOLLOW_SUMMARY, L, L90, REF, RESOLUTIONS, ROUTE,
    SURVEY_COMMENTS, TD, TDS, TICKET_SUBJECTS, TS, _BANK_MIN, _HM, _N_BANK_MIN, _OFFICE_W,
    _PROD_INFO, _SS, _T_BANK, _T_BEHAVIOUR, _T_CATEGORY, _T_FOLLOW, _T_NPS, _T_SURVEY_CH,
    _T_TICKET_CH,
)


def _csat(nps):
    return 5 if nps >= 9 else 4 if nps >= 7 else 3 if nps >= 5 else 2 if nps >= 3 else 1


class RelatedRows:
    """Draws a client's related rows into the drawer's lists (`pnl_events`, `tickets`,
    `surveys`, `deposits`, `trade_days`, `follow_ups`), numbered by its counters (`pe_id`,
    `tk_id`, `sv_id`, `dep_id`, `td_id`, `fu_id`). Mixed into the client drawer, which also
    provides `rnd`, `gauss`, `uids` and `n_uid`."""

    def when(self, o):
        """A datetime during office hours on ordinal o."""
        rnd = self.rnd
        return DATE_S[o - BASE] + "T" + _HM[_OFFICE_W[int(rnd() * 8192)]] + _SS[int(rnd() * 60)]

    # -- large P&L event ------------------------------------------------------------------------
    def pnl_event(self, c: _C):
        rnd = self.rnd
        c.pe_kind = c.pe_id = None
        c.ev_idx = -1
        if c.status == "prospect" or not (c.cause == "loss" or rnd() < 0.08):
            return
        c.ev_idx = ev_idx = c.ft_idx + int(rnd() * (c.lt_idx - c.ft_idx + 1))
        if c.cause == "loss":
            kind = "big_loss" if rnd() < 0.6 else "drawdown"
        else:
            kind = ("big_profit", "big_profit", "big_loss", "drawdown")[int(rnd() * 4)]
        base = c.size if c.size > 20000.0 else 20000.0
        if kind == "big_profit":
            amount = round(base * (0.15 + 0.6 * rnd()), 2)
            dd = None
            beh = "add" if rnd() < 0.45 else "none" if rnd() < 0.6 else "reduce"
        else:
            dd = round(0.2 + 0.45 * rnd(), 4) if kind == "drawdown" else round(0.1 + 0.4 * rnd(), 4)
            amount = -round(base * dd, 2)
            beh = _T_BEHAVIOUR[int(rnd() * TS)]
            if dd > c.drawdown:
                c.drawdown = dd
        consulted = rnd() < (0.45 if kind != "big_profit" else 0.15)
        c.pe_kind, c.pe_id = kind, self.pe_id
        self.pnl_events.append({
            "id": self.pe_id, "client": c.cid, "occurred_on": DATE_S[TD[ev_idx] - BASE],
            "kind": kind, "product": c.pref[int(rnd() * len(c.pref))], "amount": amount,
            "drawdown": dd, "behaviour_after": beh, "consulted": consulted,
            "handled_by": c.am if kind != "big_profit" or consulted else None,
            "note": ("单日回撤超过20%,已自动生成高风险事件工单" if kind == "drawdown"
                     else "客户主动来电咨询" if consulted else None),
        })
        self.pe_id += 1

    # -- tickets (with their closing surveys) -------------------------------------------------------
    def tickets_of(self, c: _C):
        rnd = self.rnd
        plan = []          # (category, opened ordinal, linked P&L event)
        if c.pe_kind == "drawdown":
            plan.append(("risk_event", TD[c.ev_idx], c.pe_id))
        if c.cause == "complaint":
            plan.append(("complaint", TD[c.fd_idx + int(rnd() * (c.lt_idx - c.fd_idx + 1))], None))
        r = rnd()
        nt = 0 if r < 0.74 else 1 if r < 0.94 else 2 if r < 0.985 else 3
        for _ in range(nt):
            cat = _T_CATEGORY[int(rnd() * TS)]
            if c.status == "prospect":
                cat = ("software", "funds", "rules", "other")[int(rnd() * 4)]
                o = c.opened + int(rnd() * (REF - c.opened + 1))
            else:
                hi = c.lt_idx + 15 if c.lt_idx + 15 < L else L
                if c.c_idx >= 0 and hi > c.c_idx:
                    hi = c.c_idx
                o = TD[c.o_idx + int(rnd() * (hi - c.o_idx + 1))]
            plan.append((cat, o, None))
        c.complained = False
        for cat, o, pe_ref in plan:
            self.ticket(c, cat, o, pe_ref)

    def ticket(self, c: _C, cat: str, o: int, pe_ref):
        rnd = self.rnd
        dept, median = ROUTE[cat]
        subjects = TICKET_SUBJECTS[cat]
        subject = subjects[int(rnd() * len(subjects))]
        complaint_reason = None
        if cat == "complaint":
            c.complained = True
            complaint_reason = COMPLAINT_BY_SUBJECT[subject]
            prio = "high" if rnd() < 0.7 else "medium"
        elif cat in ("risk_event", "withdrawal_delay"):
            prio = "high"
        else:
            prio = "medium" if rnd() < 0.55 else "low" if rnd() < 0.8 else "high"
        age = REF - o
        r = rnd()
        if age <= 14 and r < 0.6:
            st = ("new", "in_progress", "in_progress", "pending_client", "resolved")[int(rnd() * 5)]
        elif age <= 45 and r < 0.2:
            st = "resolved" if r < 0.12 else "pending_client"
        else:
            st = "closed"
        minute = _OFFICE_W[int(rnd() * 8192)]
        opened_at = DATE_S[o - BASE] + "T" + _HM[minute] + _SS[int(rnd() * 60)]
        base_min = o * 1440 + minute
        due = base_min + (240 if prio == "high" else 1440 if prio == "medium" else 4320)
        assignee = c.am if cat == "risk_event" else self.uids[int(rnd() * self.n_uid)]
        steps = [{"at": opened_at, "by": c.am if cat == "risk_event" else assignee,
                  "action": "受理工单,转派至" + DEPT_ZH[dept]}]
        resolved_at = minutes = None
        end = base_min
        if st in ("resolved", "closed"):
            minutes = int(median * math.exp(0.9 * self.gauss(0.0, 1.0))) + 1
            end = base_min + minutes
            if end // 1440 > REF:                    # not after the reference date
                end = REF * 1440 + 1080 + int(rnd() * 300)
                if end <= base_min:
                    end = base_min + 1
                minutes = end - base_min
            resolved_at = DATE_S[end // 1440 - BASE] + "T" + _HM[end % 1440] + _SS[int(rnd() * 60)]
            steps.append({"at": resolved_at, "by": assignee, "action": RESOLUTIONS[cat]})
            if st == "closed":
                steps.append({"at": resolved_at, "by": assignee, "action": "工单关闭,已推送满意度调查"})
        elif st in ("in_progress", "pending_client"):
            steps.append({"at": opened_at, "by": assignee,
                          "action": "处理中" if st == "in_progress" else "已回复,等待客户确认"})
        self.tickets.append({
            "id": self.tk_id, "subject": subject, "client": c.cid,
            "channel": "app" if cat == "risk_event" else _T_TICKET_CH[int(rnd() * TS)],
            "category": cat, "complaint_reason": complaint_reason, "priority": prio,
            "status": st, "assignee": assignee, "department": dept,
            "opened_at": opened_at,
            "due_at": DATE_S[due // 1440 - BASE] + "T" + _HM[due % 1440] + ":00",
            "resolved_at": resolved_at, "resolution_minutes": minutes, "pnl_event": pe_ref,
            "description": "客户反映:" + subject + "。" + (
                "系统根据风险规则自动生成。" if cat == "risk_event" else ""),
            "steps": steps,
        })
        if st == "closed" and rnd() < 0.5:           # closing survey for about half
            nps = _T_NPS[int(rnd() * TS)]
            if cat == "complaint":
                nps = nps - 3 if nps >= 3 else 0
            if minutes > 3 * median and nps > 0:
                nps -= 1
            so = end // 1440 + int(rnd() * 3)
            self.survey(c, self.tk_id, "ticket_close", nps, so if so < REF else REF)
        self.tk_id += 1

    def survey(self, c: _C, ticket, trigger, nps, o):
        rnd = self.rnd
        comments = SURVEY_COMMENTS["hi" if nps >= 9 else "mid" if nps >= 7 else "lo"]
        self.surveys.append({
            "id": self.sv_id, "client": c.cid, "ticket": ticket, "trigger": trigger,
            "nps": nps, "csat": _csat(nps), "comment": comments[int(rnd() * len(comments))],
            "surveyed_at": self.when(o), "channel": _T_SURVEY_CH[int(rnd() * TS)],
        })
        self.sv_id += 1

    def periodic_survey(self, c: _C):
        rnd = self.rnd
        if c.status == "prospect" or rnd() >= 0.1:
            return
        nps = _T_NPS[int(rnd() * TS)]
        if c.status == "at_risk" and nps > 4:
            nps -= 3
        so = REF - int(rnd() * 180)
        self.survey(c, None, "onboarding" if c.tenure < 120 else "periodic", nps,
                    so if so > c.opened else c.opened)

    # -- deposits and withdrawals -----------------------------------------------------------
    def deposits_of(self, c: _C):
        rnd = self.rnd
        rows = self.deposits
        bank = _T_BANK[int(rnd() * TS)]
        fd_idx = c.fd_idx
        rows.append({
            "id": self.dep_id, "client": c.cid, "direction": "in", "amount": c.first_dep,
            "occurred_at": DATE_S[TD[fd_idx] - BASE] + "T" + _HM[_BANK_MIN[int(rnd() * _N_BANK_MIN)]]
            + _SS[int(rnd() * 60)],
            "bank": bank, "status": "success", "remark": "首次入金",
        })
        self.dep_id += 1
        end_idx = c.lt_idx if c.status != "active" else L
        r = rnd()
        base = c.size if c.size > 10000.0 else 10000.0
        for _ in range(0 if r < 0.45 else 1 if r < 0.85 else 2):
            d_o = TD[fd_idx + int(rnd() * (end_idx - fd_idx + 1))]
            direction = "in" if rnd() < 0.55 else "out"
            amt = base * (0.05 + 0.45 * rnd())
            amt = float(round(amt, -3)) if amt >= 20000 else float(round(amt, -2))
            r = rnd()
            st = "processing" if REF - d_o <= 1 and r < 0.5 else "failed" if r < 0.03 else "success"
            rows.append({
                "id": self.dep_id, "client": c.cid, "direction": direction, "amount": amt,
                "occurred_at": DATE_S[d_o - BASE] + "T" + _HM[_BANK_MIN[int(rnd() * _N_BANK_MIN)]]
                + _SS[int(rnd() * 60)],
                "bank": bank, "status": st,
                "remark": "银行卡余额不足" if st == "failed" and direction == "in" else None,
            })
            self.dep_id += 1
        if c.status == "closed":
            rows.append({
                "id": self.dep_id, "client": c.cid, "direction": "out",
                "amount": round(base * (0.1 + 0.8 * rnd()), 2), "occurred_at": self.when(c.closed_o),
                "bank": bank, "status": "success", "remark": "销户出金",
            })
            self.dep_id += 1

    # -- daily trading summaries: the last few trading days of an active client -----------
    def trade_days_of(self, c: _C):
        """The client's trading days (one row per day with a trade): the first and the last
        trading day, and the days with a trade in the last 90 days (at most the last one):
        `freq` trades a month, a trading day holding at most one of them, so the rollups of
        the client form (first / last trade, trading days and commission in 90 days,
        average lots) and the RFM tier come out of these rows."""
        ft_idx, lt_idx = c.ft_idx, c.lt_idx
        if ft_idx < 0 or lt_idx < 0:
            return
        rnd, gauss = self.rnd, self.gauss
        rows = self.trade_days
        freq, usage, margin, pref = c.freq, c.usage, c.margin, c.pref
        lo = L90 if L90 > ft_idx else ft_idx
        span = list(range(lo, lt_idx))  # the last day is always kept
        want = 3 * (freq if freq < 21 else 21) - 1
        if want < len(span):  # a partial shuffle: `want` distinct days of the window
            for k in range(want if want > 0 else 0):
                j = k + int(rnd() * (len(span) - k))
                span[k], span[j] = span[j], span[k]
            span = span[:want if want > 0 else 0]
        days = sorted({ft_idx, lt_idx, *span})
        n_pref = len(pref) or 1
        eq_day = c.equity if c.equity > 1000 else 1000.0
        scale = eq_day * (usage or 0.1) / 0.12 / n_pref * (1 + freq / 20.0)
        for idx in days:
            if idx == ft_idx:
                p, lots = c.fp, c.first_lots or 1
                value, _sector, fee = _PROD_INFO[p]
            else:
                p = pref[int(rnd() * n_pref)] if pref else c.fp
                value, _sector, fee = _PROD_INFO[p]
                lots = int(scale / value * (0.2 + 1.2 * rnd()))
                lots = lots if lots > 1 else 1
            turnover = lots * value * (0.97 + 0.06 * rnd())
            eq_eod = eq_day * (1.0 + 0.03 * gauss(0.0, 1.0))
            eq_eod = eq_eod if eq_eod > 0 else 0.0
            rows.append({
                "id": self.td_id, "client": c.cid, "trade_date": TDS[idx], "product": p,
                "lots": lots, "turnover": round(turnover, 2),
                "commission": round(turnover * fee + lots * 0.5, 2),
                "pnl": round(turnover * 0.004 * gauss(0.0, 1.0), 2),
                "margin_used": round(eq_eod * margin * (0.6 + 0.6 * rnd()) / n_pref, 2),
                "equity_eod": round(eq_eod, 2),
            })
            self.td_id += 1

    # -- follow-ups: onboarding, reactivation, risk, complaint, routine --------------------
    def follow_ups_of(self, c: _C):
        rnd = self.rnd
        plan = []
        if rnd() < 0.55:
            plan.append(("onboarding", TD[c.fd_idx] + 1 + int(rnd() * 3)))
        if c.status in ("dormant", "at_risk") and rnd() < 0.7:
            plan.append(("reactivation", c.last_o + 45 + int(rnd() * 30)))
        if c.ev_idx >= 0 and c.pe_kind != "big_profit" or c.margin >= 0.8:
            o = TD[c.ev_idx] if c.ev_idx >= 0 and c.pe_kind != "big_profit" else REF - int(rnd() * 5)
            plan.append(("risk", o + int(rnd() * 3)))
        if c.complained:
            plan.append(("complaint", c.last_o if c.cause == "complaint" else REF - int(rnd() * 60)))
        if rnd() < 0.3:
            plan.append(("routine", REF - int(rnd() * 365)))
        closed_o = c.closed_o
        for purpose, o in plan:
            o = REF if o > REF else o
            o = c.opened if o < c.opened else o
            if closed_o is not None and o > closed_o:
                o = closed_o
            self.follow_up(c, purpose, o,
                           o + 7 + int(rnd() * 30) if closed_o is None and rnd() < 0.6 else None)

    def follow_up(self, c: _C, purpose, o, nxt, summary=None, method=None):
        rnd = self.rnd
        if summary is None:
            texts = FOLLOW_SUMMARY[purpose]
            summary = texts[int(rnd() * len(texts))]
        if method is None:
            method = "visit" if c.tier == "hnw_active" and rnd() < 0.3 else _T_FOLLOW[int(rnd() * TS)]
        self.follow_ups.append({
            "id": self.fu_id, "client": c.cid, "at": self.when(o), "by": c.am, "method": method,
            "purpose": purpose, "summary": summary,
            "next_at": DATE_S[nxt - BASE] if nxt else None,
            "satisfied": rnd() < (0.85 if purpose in ("onboarding", "routine") else 0.6),
        })
        self.fu_id += 1

    def prospect_follow_up(self, c: _C):
        """The onboarding journey: a call to an applicant who has not funded the account."""
        rnd = self.rnd
        if rnd() < 0.4:
            o = c.opened + 3 + int(rnd() * 5)
            o = o if o < REF else REF
            self.follow_up(c, "onboarding", o, o + 7,
                           summary="开户后未入金提醒:发送入金教程链接,解答银期转账问题",
                           method="phone")
