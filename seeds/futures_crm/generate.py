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

import datetime as dt
import math
import random
import sys
import time
from bisect import bisect_right

REF_DATE = dt.date(2026, 6, 30)  # "today" of the synthetic data
REF = REF_DATE.toordinal()
BASE = REF - 9 * 366             # earliest date any row may carry
TOP = REF + 4 * 366             # latest (contract expiry dates, planned follow-ups)

FORMS = ["introducing_broker", "content", "client", "deposit", "trade_day", "pnl_event",
         "ticket", "survey", "follow_up"]

# -- reference tables (the forms' option values; labels live in forms/*.json) ------------

# code, zh, en, exchange, sector, approximate contract value (CNY), popularity weight
PRODUCTS = [
    ("rb", "螺纹钢", "Rebar", "SHFE", "ferrous", 35000, 10),
    ("cu", "铜", "Copper", "SHFE", "metal", 390000, 4),
    ("al", "铝", "Aluminium", "SHFE", "metal", 100000, 3),
    ("au", "黄金", "Gold", "SHFE", "precious", 560000, 5),
    ("ag", "白银", "Silver", "SHFE", "precious", 110000, 4),
    ("ru", "橡胶", "Natural rubber", "SHFE", "chem", 150000, 3),
    ("hc", "热卷", "Hot-rolled coil", "SHFE", "ferrous", 35000, 3),
    ("fu", "燃料油", "Fuel oil", "SHFE", "energy", 30000, 3),
    ("m", "豆粕", "Soybean meal", "DCE", "agri", 30000, 7),
    ("y", "豆油", "Soybean oil", "DCE", "agri", 78000, 3),
    ("p", "棕榈油", "Palm oil", "DCE", "agri", 80000, 4),
    ("i", "铁矿石", "Iron ore", "DCE", "ferrous", 78000, 6),
    ("c", "玉米", "Corn", "DCE", "agri", 23000, 3),
    ("jm", "焦煤", "Coking coal", "DCE", "ferrous", 75000, 2),
    ("j", "焦炭", "Coke", "DCE", "ferrous", 190000, 2),
    ("SR", "白糖", "White sugar", "CZCE", "agri", 59000, 4),
    ("CF", "棉花", "Cotton", "CZCE", "agri", 70000, 3),
    ("TA", "PTA", "PTA", "CZCE", "chem", 25000, 5),
    ("MA", "甲醇", "Methanol", "CZCE", "chem", 25000, 5),
    ("FG", "玻璃", "Glass", "CZCE", "chem", 22000, 4),
    ("IF", "沪深300", "CSI 300 index", "CFFEX", "index", 1140000, 3),
    ("IC", "中证500", "CSI 500 index", "CFFEX", "index", 1160000, 2),
    ("IH", "上证50", "SSE 50 index", "CFFEX", "index", 810000, 1),
    ("IM", "中证1000", "CSI 1000 index", "CFFEX", "index", 1200000, 2),
    ("T", "十年国债", "10-year treasury bond", "CFFEX", "bond", 1080000, 1),
    ("TF", "五年国债", "5-year treasury bond", "CFFEX", "bond", 1050000, 0.5),
    ("sc", "原油", "Crude oil", "INE", "energy", 550000, 3),
    ("si", "工业硅", "Industrial silicon", "GFEX", "new_energy", 45000, 2),
    ("lc", "碳酸锂", "Lithium carbonate", "GFEX", "new_energy", 70000, 3),
]
SECTORS = [  # value, zh, en
    ("index", "股指", "Stock index"), ("bond", "国债", "Treasury"),
    ("precious", "贵金属", "Precious metals"), ("metal", "有色金属", "Base metals"),
    ("ferrous", "黑色金属", "Ferrous"), ("energy", "能源", "Energy"),
    ("chem", "化工", "Chemicals"), ("agri", "农产品", "Agriculture"),
    ("new_energy", "新能源材料", "New-energy materials"),
]
# products that need the 50万 suitability threshold / a separate permission
RESTRICTED = {"IF": "index_futures", "IC": "index_futures", "IH": "index_futures",
              "IM": "index_futures", "sc": "specific"}

# value, zh, en, city, ID region code, weight (share of managers and so of clients)
BRANCHES = [
    ("sh", "上海营业部", "Shanghai branch", "上海", "310104", 3.0),
    ("bj", "北京营业部", "Beijing branch", "北京", "110105", 2.0),
    ("sz", "深圳营业部", "Shenzhen branch", "深圳", "440304", 2.0),
    ("gz", "广州营业部", "Guangzhou branch", "广州", "440106", 1.5),
    ("hz", "杭州营业部", "Hangzhou branch", "杭州", "330106", 1.5),
    ("nj", "南京营业部", "Nanjing branch", "南京", "320106", 1.0),
    ("nb", "宁波营业部", "Ningbo branch", "宁波", "330203", 1.0),
    ("zz", "郑州营业部", "Zhengzhou branch", "郑州", "410105", 1.0),
    ("dl", "大连营业部", "Dalian branch", "大连", "210204", 1.0),
    ("qd", "青岛营业部", "Qingdao branch", "青岛", "370202", 1.0),
    ("wh", "武汉营业部", "Wuhan branch", "武汉", "420106", 1.0),
    ("cd", "成都营业部", "Chengdu branch", "成都", "510107", 1.0),
]
BANKS = [("icbc", 18), ("ccb", 15), ("abc", 10), ("boc", 10), ("bocom", 7), ("cmb", 16),
         ("spdb", 5), ("cib", 5), ("citic", 4), ("cmbc", 3), ("ceb", 3), ("pab", 4)]

# surnames with approximate population shares (percent)
SURNAMES = [
    ("王", 7.1), ("李", 7.0), ("张", 6.8), ("刘", 5.4), ("陈", 4.6), ("杨", 3.1), ("黄", 2.4),
    ("赵", 2.3), ("吴", 2.0), ("周", 1.9), ("徐", 1.7), ("孙", 1.5), ("马", 1.5), ("朱", 1.3),
    ("胡", 1.3), ("郭", 1.2), ("何", 1.2), ("林", 1.2), ("高", 1.2), ("罗", 1.1), ("郑", 1.1),
    ("梁", 1.0), ("谢", 0.9), ("宋", 0.8), ("唐", 0.8), ("许", 0.7), ("韩", 0.7), ("冯", 0.7),
    ("邓", 0.7), ("曹", 0.7), ("彭", 0.6), ("曾", 0.6), ("肖", 0.6), ("田", 0.6), ("董", 0.5),
    ("潘", 0.5), ("袁", 0.5), ("蔡", 0.5), ("蒋", 0.5), ("余", 0.5), ("于", 0.5), ("杜", 0.5),
    ("叶", 0.5), ("程", 0.5), ("魏", 0.4), ("苏", 0.4), ("吕", 0.4), ("丁", 0.4), ("任", 0.4),
    ("卢", 0.4), ("姚", 0.4), ("沈", 0.4), ("钟", 0.4), ("姜", 0.4), ("崔", 0.4), ("谭", 0.4),
    ("陆", 0.3), ("范", 0.3), ("汪", 0.3), ("廖", 0.3), ("石", 0.3), ("金", 0.3), ("韦", 0.3),
    ("贾", 0.3), ("夏", 0.3), ("付", 0.3), ("方", 0.3), ("邹", 0.2), ("熊", 0.2), ("白", 0.2),
    ("孟", 0.2), ("秦", 0.2), ("邱", 0.2), ("侯", 0.2), ("江", 0.2), ("尹", 0.2), ("薛", 0.2),
    ("闫", 0.2), ("段", 0.2), ("雷", 0.2), ("龙", 0.2), ("黎", 0.2), ("史", 0.2), ("陶", 0.2),
    ("贺", 0.2), ("毛", 0.2), ("郝", 0.2), ("顾", 0.2), ("龚", 0.2), ("邵", 0.2), ("万", 0.1),
    ("钱", 0.1), ("严", 0.1), ("戴", 0.1), ("欧阳", 0.05), ("司马", 0.01), ("诸葛", 0.01),
]
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建国文斌宇浩凯健俊帆帅旭"
    "宁欣怡晨阳雪琳晶婷颖倩佳慧思雨轩博文昊然子涵梓睿泽一诺嘉欣可馨浩宇志强海燕春梅国庆"
    "立新永红德胜家豪晓东丹阳秀兰淑珍振华建华小龙金凤玉梅亮波晖毅峰鑫磊诚恒瑞祥福荣云飞"
)
FIRM_WORDS = list("恒泰鑫盛隆达华信瑞丰汇通宏远金源德润永安中天博诚嘉禾正元东方新航")

# industry, name suffix, products it hedges
INDUSTRIES = [
    ("钢铁贸易有限公司", ["rb", "hc", "i", "j", "jm"]),
    ("粮油食品有限公司", ["m", "y", "p", "c"]),
    ("化工有限公司", ["TA", "MA", "fu", "FG"]),
    ("有色金属有限公司", ["cu", "al"]),
    ("糖业有限公司", ["SR"]),
    ("纺织有限公司", ["CF", "TA"]),
    ("能源有限公司", ["sc", "fu"]),
    ("新能源材料有限公司", ["lc", "si"]),
    ("橡胶制品有限公司", ["ru"]),
    ("珠宝首饰有限公司", ["au", "ag"]),
    ("玻璃制品有限公司", ["FG"]),
]

MOBILE_PREFIXES = (
    [str(p) for p in range(130, 140)] + [str(p) for p in range(150, 160) if p != 154]
    + ["170", "171", "173", "175", "176", "177", "178"] + [str(p) for p in range(180, 190)]
    + ["191", "193", "195", "196", "197", "198", "199"]
)
_MOB_A = 61_728_391       # odd, not a multiple of 5: i -> (A*i + B) mod 1e8 is a bijection
_MOB_M = 100_000_000

# Chinese exchange holidays (approximate: Spring Festival, Labour Day, National Day, ...)
_HOLIDAYS = [
    ("2017-01-02", 1), ("2017-01-27", 7), ("2017-05-01", 1), ("2017-10-02", 6),
    ("2018-01-01", 1), ("2018-02-15", 7), ("2018-05-01", 1), ("2018-10-01", 5),
    ("2019-01-01", 1), ("2019-02-04", 7), ("2019-05-01", 4), ("2019-10-01", 5),
    ("2020-01-01", 1), ("2020-01-24", 10), ("2020-05-01", 5), ("2020-10-01", 8),
    ("2021-01-01", 1), ("2021-02-11", 7), ("2021-05-03", 3), ("2021-10-01", 7),
    ("2022-01-03", 1), ("2022-01-31", 7), ("2022-05-02", 3), ("2022-10-03", 5),
    ("2023-01-02", 1), ("2023-01-23", 5), ("2023-05-01", 3), ("2023-09-29", 8),
    ("2024-01-01", 1), ("2024-02-09", 9), ("2024-05-01", 5), ("2024-10-01", 7),
    ("2025-01-01", 1), ("2025-01-28", 8), ("2025-05-01", 5), ("2025-10-01", 8),
    ("2026-01-01", 3), ("2026-02-15", 9), ("2026-05-01", 5), ("2026-06-19", 1),
]


# -- helpers ------------------------------------------------------------------------------

def _table(pairs, size=4096):
    """Lookup table for a weighted choice: `tbl[int(rnd() * len(tbl))]`."""
    items = [p[0] for p in pairs]
    total = float(sum(p[1] for p in pairs))
    cum, acc = [], 0.0
    for _, w in pairs:
        acc += w
        cum.append(acc / total)
    last = len(items) - 1
    return [items[min(bisect_right(cum, (k + 0.5) / size), last)] for k in range(size)]


DATE_S = [dt.date.fromordinal(o).isoformat() for o in range(BASE, TOP + 1)]  # o - BASE


def _ds(o):
    return DATE_S[o - BASE]


def _trading_days():
    off = set()
    for start, days in _HOLIDAYS:
        o = dt.date.fromisoformat(start).toordinal()
        off.update(range(o, o + days))
    return [o for o in range(BASE, REF + 1) if o % 7 not in (0, 6) and o not in off]
    # date.fromordinal(o).weekday() == (o - 1) % 7; Saturday/Sunday are o % 7 == 6 / 0


TD = _trading_days()
L = len(TD) - 1                                             # index of the last trading day
L30 = max(k for k, o in enumerate(TD) if REF - o > 30)      # last idx with R > 30 days
L180 = max(k for k, o in enumerate(TD) if REF - o > 180)
L5Y = min(k for k, o in enumerate(TD) if REF - o <= 5 * 365)
TDS = [_ds(o) for o in TD]

_HM = ["%02d:%02d" % (h, m) for h in range(24) for m in range(60)]
_SS = [":%02d" % s for s in range(60)]
# minutes of day when things happen: bank transfers (day + night session), office hours
_BANK_MIN = [h * 60 + m for h in range(8, 16) for m in range(60) if 510 <= h * 60 + m < 930] \
    + [h * 60 + m for h in range(21, 23) for m in range(60)]
_OFFICE_MIN = [m for m in range(8 * 60 + 30, 21 * 60)]
_OFFICE_W = _table([(m, 3 if 540 <= m < 1020 else 1) for m in _OFFICE_MIN], 8192)


def _mobile(i, prefix_rng_value, seed):
    suffix = (_MOB_A * i + 7_654_321 * (seed + 1)) % _MOB_M
    return MOBILE_PREFIXES[int(prefix_rng_value * len(MOBILE_PREFIXES))] + "%08d" % suffix


def _chinese_name(rnd, sur_t, given):
    ng = len(given)
    name = sur_t[int(rnd() * len(sur_t))] + given[int(rnd() * ng)]
    if rnd() < 0.72:
        name += given[int(rnd() * ng)]
    return name


_SUR_T = _table(SURNAMES, 8192)


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


# -- text templates -------------------------------------------------------------------------

TICKET_SUBJECTS = {
    "software": ["交易软件无法登录", "手机App闪退", "行情K线显示异常", "条件单设置咨询",
                 "交易客户端行情延迟", "云条件单未触发"],
    "funds": ["银期转账入金未到账", "绑定第二张银行卡", "入金时间咨询", "夜盘期间能否出金",
              "银行卡变更"],
    "rules": ["保证金比例调整咨询", "交割月持仓限制咨询", "夜盘交易时间咨询", "手续费标准咨询",
              "强行平仓规则咨询", "套期保值额度申请流程咨询"],
    "permission": ["申请开通股指期货交易权限", "申请开通期权交易权限", "申请开通原油期货交易权限",
                   "申请程序化交易报备"],
    "withdrawal_delay": ["出金申请超时未到账", "出金被银行退回", "大额出金审批进度查询"],
    "complaint": ["投诉:手续费高于约定标准", "投诉:客服响应慢", "投诉:交易系统故障造成损失",
                  "投诉:强平处理有异议", "投诉:居间人承诺收益", "投诉:出金延迟"],
    "risk_event": ["高风险事件:单日回撤超过20%", "高风险事件:保证金占用率超过80%"],
    "other": ["结算单邮件未收到", "修改预留手机号", "开具资金证明", "更新身份证有效期"],
}
COMPLAINT_BY_SUBJECT = {
    "投诉:手续费高于约定标准": "high_fee", "投诉:客服响应慢": "slow_response",
    "投诉:交易系统故障造成损失": "system_outage", "投诉:强平处理有异议": "liquidation",
    "投诉:居间人承诺收益": "ib_conduct", "投诉:出金延迟": "withdrawal_delay",
}
ROUTE = {  # category -> (department, median minutes to resolve, priority table)
    "software": ("it", 35), "funds": ("finance", 90), "rules": ("cs", 15),
    "permission": ("ops", 1440), "withdrawal_delay": ("finance", 480),
    "complaint": ("cs", 2880), "risk_event": ("risk", 60), "other": ("ops", 240),
}
DEPT_ZH = {"cs": "客服部", "risk": "风控部", "finance": "财务部", "ops": "运营部", "it": "IT部"}
RESOLUTIONS = {
    "software": "指导客户清除缓存并升级至最新版本,问题解决",
    "funds": "核实银行流水,资金已入账",
    "rules": "已向客户说明交易所规则及公司标准",
    "permission": "适当性复核通过,权限已开通",
    "withdrawal_delay": "联系存管银行加急处理,资金已到账",
    "complaint": "核实情况并与客户沟通,给出处理方案",
    "risk_event": "客户经理完成风险沟通,客户已减仓或追加保证金",
    "other": "已按客户要求完成办理",
}
SURVEY_COMMENTS = {
    "hi": ["处理很及时,点赞", "客户经理很专业", "问题一次解决,满意", "服务态度好", None, None],
    "mid": ["还可以,希望响应再快一点", "解决了,但等了较久", "App还需要优化", None, None],
    "lo": ["等了很久才解决", "手续费太高", "多次转接,体验差", "问题没有根本解决", None],
}
FOLLOW_SUMMARY = {
    "onboarding": ["新客回访:确认已完成首次入金,介绍交易软件和结算单查看方法",
                   "新客回访:讲解保证金制度与风险控制,客户表示理解",
                   "新客回访:推荐新手操作指引视频,邀请加入客户群"],
    "risk": ["风险沟通:提示保证金占用率偏高,建议降低仓位",
             "风险沟通:大幅亏损后安抚情绪,回顾止损纪律",
             "风险沟通:说明追加保证金与强行平仓规则"],
    "reactivation": ["激活关怀:了解近期未交易原因,推送偏好品种行情解读",
                     "激活关怀:客户资金转投其他理财,暂无交易计划",
                     "激活关怀:介绍手续费优惠方案,客户表示考虑"],
    "complaint": ["投诉回访:确认问题已解决,客户接受处理结果",
                  "投诉回访:客户仍有意见,已升级至部门负责人"],
    "routine": ["常规回访:沟通近期交易情况,推送研究报告",
                "常规回访:邀请参加线下策略会",
                "常规回访:更新客户联系方式与偏好渠道"],
}
CLIENT_REMARKS = ["客户偏好夜盘交易", "要求每日邮件推送结算单", "曾咨询期权交易",
                  "有现货背景,关注基差", "由老客户介绍", "对手续费较敏感", "需要英文服务"]
CONTENT_KINDS = [("research", 3), ("strategy", 3), ("market", 4), ("risk_edu", 2),
                 ("guide", 2), ("video", 1)]
CONTENT_TITLES = {
    "research": ["{p}产业链深度报告", "{p}年度投资策略报告", "{p}供需平衡表季度更新",
                 "{p}机构持仓分析"],
    "strategy": ["{p}跨期套利策略", "{p}趋势跟踪策略回顾", "{p}基差交易机会分析",
                 "{p}期现套保方案"],
    "market": ["{p}日评:震荡走势延续", "{p}周报:库存拐点显现", "{p}早盘提示",
               "{p}重大行情解读"],
    "risk_edu": ["期货交易中的仓位管理", "如何设置止损", "保证金与强行平仓规则详解",
                 "交易心理:大幅亏损后怎么办", "杠杆的双刃剑"],
    "guide": ["交易软件入门指引", "银期转账操作指引", "条件单设置指引", "如何查看每日结算单",
              "手机App开户与交易流程"],
    "video": ["新手入门视频:期货基础知识", "{p}品种入门视频", "投资者适当性与风险揭示视频"],
}


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


# -- weighted choice tables of the client stream (TS entries each) -------------------------

TS = 4096
_T_CTYPE = _table([("individual", 96), ("institution", 3), ("product", 1)])
_T_PURPOSE = _table([("speculation", 86), ("arbitrage", 9), ("hedging", 5)])
_T_SRC = _table([("ib", 33), ("internet", 16), ("referral", 12), ("branch", 10), ("website", 9),
                 ("market", 7), ("ad", 6), ("staff", 4), ("research", 2), ("club", 2)])
_T_IDTYPE = _table([("id_card", 97), ("passport", 1), ("hk_macau", 1.2), ("taiwan", 0.8)])
_T_RISK = _table([("C1", 3), ("C2", 10), ("C3", 45), ("C4", 29), ("C5", 13)])
_T_PROD = _table([(p[0], p[6]) for p in PRODUCTS])
_T_BANK = _table(BANKS)
_T_TICKET_CH = _table([("phone", 35), ("app", 30), ("wechat", 25), ("email", 5), ("counter", 5)])
_T_CATEGORY = _table([("software", 25), ("funds", 20), ("rules", 18), ("permission", 9),
                      ("withdrawal_delay", 7), ("complaint", 6), ("other", 15)])
_T_SURVEY_CH = _table([("sms", 35), ("app", 30), ("wechat", 25), ("email", 5), ("phone", 5)])
_T_BEHAVIOUR = _table([("reduce", 40), ("pause", 25), ("add", 10), ("none", 25)])
_T_FOLLOW = _table([("phone", 58), ("wechat", 30), ("sms", 8), ("visit", 4)])
_T_NPS = _table([(10, 28), (9, 22), (8, 18), (7, 12), (6, 6), (5, 5), (4, 3), (3, 2), (2, 2),
                 (1, 1), (0, 1)])
_T_CHURN = _table([("abandoned", 5), ("poached", 20), ("forced_leave", 10), ("voluntary", 20),
                   ("loss", 25), ("attracted", 12), ("staff_left", 8)])
# product -> (contract value, sector, commission rate on turnover)
_PROD_INFO = {p[0]: (p[5], p[4], 0.00006 if p[4] not in ("index", "bond") else 0.000025)
              for p in PRODUCTS}
_SAME_SECTOR = {p[0]: [q[0] for q in PRODUCTS if q[4] == p[4] and q[0] != p[0]] for p in PRODUCTS}
_REGION = {b[0]: b[4] for b in BRANCHES}
_CITY = {b[0]: b[3] for b in BRANCHES}
_DD_BASE = {"C1": 0.04, "C2": 0.06, "C3": 0.1, "C4": 0.15, "C5": 0.2}


def _csat(nps):
    return 5 if nps >= 9 else 4 if nps >= 7 else 3 if nps >= 5 else 2 if nps >= 3 else 1


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


class _Clients:
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

    def when(self, o):
        """A datetime during office hours on ordinal o."""
        rnd = self.rnd
        return DATE_S[o - BASE] + "T" + _HM[_OFFICE_W[int(rnd() * 8192)]] + _SS[int(rnd() * 60)]

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
            if c.status == "active":
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
        ft_o = TD[c.ft_idx] if traded else None
        return {
            "id": c.cid, "name": c.name, "mobile": c.mobile, "id_type": c.id_type,
            "id_number": c.id_number, "client_type": c.ctype, "trading_purpose": c.purpose,
            "source_channel": c.src, "risk_level": c.risk, "investor_type": c.investor,
            "experience_years": c.experience, "intended_funds": c.intended,
            "permissions": c.permissions, "opened_at": DATE_S[c.opened - BASE],
            "first_deposit_amount": c.first_dep,
            "first_deposit_date": DATE_S[fd_o - BASE] if fd_o else None,
            "first_trade_date": DATE_S[ft_o - BASE] if traded else None,
            "days_to_first_trade": ft_o - c.opened if traded else None,
            "first_product": c.fp if traded else None, "first_lots": c.first_lots,
            "trade_frequency": c.freq, "avg_open_interest": c.aoi,
            "preferred_products": c.pref if traded else [],
            "preferred_sectors": c.sectors if traded else [],
            "avg_margin_usage": c.usage, "max_drawdown": c.drawdown, "equity": c.equity,
            "margin_ratio": c.margin,
            "last_trade_date": DATE_S[c.last_o - BASE] if c.last_o else None,
            "status": status, "tier": tier, "lifecycle_stage": c.stage,
            "account_manager": c.am, "branch": c.branch, "introducing_broker": c.ib,
            "tags": tags, "channel_preference": chans, "services": services,
            "churn_reason": churn_reason,
            "closed_at": DATE_S[c.closed_o - BASE] if c.closed_o else None,
            "remark": CLIENT_REMARKS[int(rnd() * len(CLIENT_REMARKS))] if rnd() < 0.05 else None,
        }

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
        rnd, gauss = self.rnd, self.gauss
        rows = self.trade_days
        freq, usage, margin, pref = c.freq, c.usage, c.margin, c.pref
        nd = 1 + int(rnd() * (2.0 + freq / 3.0))
        nd = nd if nd < 6 else 6
        idx, ft_idx = c.lt_idx, c.ft_idx
        n_pref = len(pref)
        eq_day = c.equity if c.equity > 1000 else 1000.0
        scale = eq_day * usage / 0.12 / n_pref * (1 + freq / 20.0)
        for _ in range(nd):
            if idx < ft_idx:
                break
            p = pref[int(rnd() * n_pref)]
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
            idx -= 1 + int(rnd() * 2.5)

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


_N_GIVEN = len(GIVEN)
_N_FIRM = len(FIRM_WORDS)
_N_MOB = len(MOBILE_PREFIXES)
_N_BANK_MIN = len(_BANK_MIN)


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
