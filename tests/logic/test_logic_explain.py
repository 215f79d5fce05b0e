"""Explanations of conditions: which clause held for a record, in Chinese and English,
with labels, option labels, percentages, dates relative to today and a JSON fallback."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from trellis.logic.explain import explain
from trellis.logic.moment import logic_time

LABELS = {"margin_ratio": {"zh": "保证金占用", "en": "Margin usage", "type": "percent"},
          "tags": {"zh": "标签", "en": "Tags"}, "level": {"zh": "等级", "en": "Level"},
          "name": {"zh": "姓名", "en": "Name"}, "due": {"zh": "到期日", "en": "Due date"},
          "equity": {"zh": "权益", "en": "Equity"}, "note": {"zh": "备注", "en": "Note"}}
OPTIONS = {"tags": {"vip": {"zh": "高净值", "en": "High net worth"}, "hedge": {"zh": "套保", "en": "Hedger"}},
           "level": {"a": {"zh": "A级", "en": "Grade A"}, "b": {"zh": "B级", "en": "Grade B"}}}


def zh(result):
    return [c["zh"] for c in result["clauses"]]


def test_the_clauses_of_an_and_each_with_its_value_in_both_languages():
    rule = {"and": [{">": [{"var": "margin_ratio"}, 0.8]}, {"in": ["vip", {"var": "tags"}]}]}
    out = explain(rule, {"margin_ratio": 0.85, "tags": ["vip", "hedge"]}, LABELS, OPTIONS)
    assert out["value"] is True
    assert zh(out) == ["保证金占用 (85%) 大于 0.8 ✓", "标签 包含 高净值 ✓"]
    assert [c["en"] for c in out["clauses"]] == ["Margin usage (85%) is greater than 0.8 ✓",
                                                 "Tags contains High net worth ✓"]
    assert out["text"]["zh"] == "保证金占用 (85%) 大于 0.8 ✓ 且 标签 包含 高净值 ✓"
    out = explain(rule, {"margin_ratio": Decimal("0.5"), "tags": []}, LABELS, OPTIONS)
    assert out["value"] is False and [c["value"] for c in out["clauses"]] == [False, False]
    assert zh(out)[0] == "保证金占用 (50%) 大于 0.8 ✗"


def test_an_or_says_which_part_held():
    rule = {"or": [{"==": [{"var": "level"}, "a"]}, {"<": [{"var": "equity"}, 1000]}]}
    out = explain(rule, {"level": "b", "equity": 500}, LABELS, OPTIONS)
    assert out["value"] is True
    assert zh(out) == ["等级 (B级) 等于 A级 ✗", "权益 (500) 小于 1000 ✓"]
    assert out["text"]["en"] == "Level (Grade B) equals Grade A ✗ or Equity (500) is less than 1000 ✓"


def test_the_operators_of_the_condition_builder():
    data = {"equity": 7, "level": "a", "name": "张三", "note": "", "tags": ["hedge"]}
    cases = [
        ({"!=": [{"var": "equity"}, 3]}, "权益 (7) 不等于 3 ✓"),
        ({"===": [{"var": "equity"}, 7]}, "权益 (7) 等于 7 ✓"),
        ({"!==": [{"var": "equity"}, 7]}, "权益 (7) 不等于 7 ✗"),
        ({">=": [{"var": "equity"}, 7]}, "权益 (7) 大于等于 7 ✓"),
        ({"<=": [{"var": "equity"}, 6]}, "权益 (7) 小于等于 6 ✗"),
        ({"<=": [1, {"var": "equity"}, 5]}, "权益 (7) 介于 1 与 5 之间 ✗"),
        ({"in": [{"var": "level"}, ["a", "b"]]}, "等级 (A级) 属于 A级、B级 ✓"),
        ({"!": {"in": [{"var": "level"}, ["a", "b"]]}}, "等级 (A级) 不属于 A级、B级 ✗"),
        ({"in": ["三", {"var": "name"}]}, "姓名 包含 三 ✓"),
        ({"!": {"in": ["四", {"var": "name"}]}}, "姓名 不包含 四 ✓"),
        ({"contains": [{"var": "tags"}, "hedge"]}, "标签 包含 套保 ✓"),
        ({"starts_with": [{"var": "name"}, "张"]}, "姓名 (张三) 以 张 开头 ✓"),
        ({"ends_with": [{"var": "name"}, "四"]}, "姓名 (张三) 以 四 结尾 ✗"),
        ({"is_empty": [{"var": "note"}]}, "备注 为空 ✓"),
        ({"not_empty": [{"var": "note"}]}, "备注 (空) 不为空 ✗"),
        ({"!!": [{"var": "name"}]}, "姓名 (张三) 有值 ✓"),
        ({"!": [{">": [{"var": "equity"}, 5]}]}, "并非「权益 (7) 大于 5」 ✗"),
        ({"and": [{">": [{"var": "equity"}, 5]}, {"==": [{"var": "level"}, "b"]}]}, None),
    ]
    for rule, expected in cases:
        (clause,) = explain({"and": [rule]}, data, LABELS, OPTIONS)["clauses"]
        if expected is not None:
            assert clause["zh"] == expected, rule
        assert clause["en"] and clause["en"] != clause["zh"], rule
    nested = explain({"or": [{"and": [{">": [{"var": "equity"}, 5]}, {"==": [{"var": "level"}, "b"]}]}]},
                     data, LABELS, OPTIONS)
    assert zh(nested) == ["(权益 (7) 大于 5 ✗".replace(" ✗", "") + " 且 等级 (A级) 等于 B级) ✗"]


def test_dates_relative_to_today_and_now_read_the_context_clock():
    with logic_time(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))):
        out = explain({"<=": [{"var": "due"}, {"date_add": [{"today": []}, 3, "days"]}]}, {"due": "2026-03-04"},
                      LABELS)
        assert zh(out) == ["到期日 (2026-03-04) 不晚于 今天 + 3 天 (2026-03-05) ✓"]
        assert out["clauses"][0]["en"] == "Due date (2026-03-04) is on or before today + 3 days (2026-03-05) ✓"
        out = explain({"<": [{"var": "due"}, {"date_add": [{"now": []}, -2, "hours"]}]}, {"due": "2026-03-02T08:00:00"},
                      LABELS)
        assert zh(out) == ["到期日 (2026-03-02 08:00:00) 早于 现在 - 2 小时 (2026-03-02 07:00:00) ✗"]
        out = explain({">": [{"var": "due"}, {"today": []}]}, {"due": "2026-03-03"}, LABELS)
        assert out["clauses"][0]["en"] == "Due date (2026-03-03) is after today (2026-03-02) ✓"


def test_unknown_shapes_fall_back_to_json_and_missing_labels_to_ids():
    out = explain({"and": [{"some": [{"var": "items"}, {">": [{"var": ""}, 2]}]}, {"==": [{"var": "x"}, None]}]},
                  {"items": [1, 3]})
    assert out["clauses"][0]["zh"] == '{"some":[{"var":"items"},{">":[{"var":""},2]}]} ✓'
    assert out["clauses"][1]["zh"] == "x (空) 等于 空 ✓"
    assert explain({"nonsense_op": [1]}, {})["value"] is False
    assert explain(None, {}) == {"value": True, "clauses": [], "text": {"zh": "无条件", "en": "no condition"}}
    assert explain(True, {})["value"] is True
