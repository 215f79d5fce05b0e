"""Reference tables of the futures CRM generator: the reference date and trading calendar,
the forms' option values (products, branches, banks), name lists, text templates and the
precomputed weighted choice tables. All of it is built once, at import, and only read after."""
from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_right

# "today" of the synthetic data: fixed (the tests' data never changes), or the date in
# TRELLIS_SEED_AS_OF (`trellis seed --as-of`, the demo: data that ends today, so rollups
# over "the last 90 days" and the RFM tiers read as they would in production)
REF_DATE = dt.date.fromisoformat(os.environ.get("TRELLIS_SEED_AS_OF") or "2026-06-30")
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
L90 = min(k for k, o in enumerate(TD) if REF - o < 90)      # first idx within the last 90 days
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

_N_GIVEN = len(GIVEN)
_N_FIRM = len(FIRM_WORDS)
_N_MOB = len(MOBILE_PREFIXES)
_N_BANK_MIN = len(_BANK_MIN)
