"""The designer in a business user's words: a form made from its Chinese name only (its id in
pinyin under 高级), fields dragged in (one into the gap between two sections, one onto the
lower half of a card, each landing where the drop line showed), a select's options named
without typing a key, the publish dialog telling what changes in words, the grid showing the
new fields and a record created. Screenshots of the designer mid-drag, the 高级 section and the
publish dialog in Chinese and English, desktop and 390 px (nothing wider than the screen)."""
from __future__ import annotations

import re

from e2e_ui import APP, drag, pick, screen, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s_designer_words"
NAME = "客户回访记录"
FORM = "ke_hu_hui_fang_ji_lu"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def section_fields(page, index: int) -> list[str]:
    return page.get_by_test_id(f"section-{index}").locator('[data-testid^="field-"]').evaluate_all(
        "els => els.map(e => e.dataset.testid.slice(6))")


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def press_and_move(page, source, x: float, y: float, steps: int = 15) -> None:
    """Start dragging `source` and hold it over (x, y) (released by the caller)."""
    source.scroll_into_view_if_needed()
    x0, y0 = centre(source.bounding_box())
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x0 + (x - x0) * i / steps, y0 + (y - y0) * i / steps)


def name_field(page, label: str, expected_id: str) -> None:
    """Name the selected (just dropped) field: its id follows the Chinese name."""
    page.get_by_test_id("prop-label-zh").fill(label)
    expect(page.get_by_test_id(f"field-{expected_id}")).to_contain_text(label)


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_a_form_from_its_chinese_name_in_words(admin_page, admin_api, browser, server):
    page = admin_page
    page.set_viewport_size(DESKTOP)
    page.goto(f"/apps/{APP}/forms/new/design")
    dialog = page.get_by_test_id("new-form")
    # only the name is asked for; the id shows under 高级, made from the name
    expect(page.get_by_test_id("new-form-id")).to_be_hidden()
    page.get_by_test_id("new-form-zh").fill(NAME)
    page.get_by_test_id("new-form-advanced").click()
    expect(page.get_by_test_id("new-form-id")).to_have_value(FORM)
    expect(dialog).to_contain_text("用于接口和导入导出的表单标识")
    shot(page, SCENARIO, "01_new_form_advanced_zh")
    page.get_by_test_id("new-form-create").click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/{FORM}/design$"))
    expect(page.get_by_test_id("designer-title")).to_have_text(NAME)

    # two sections; fields dragged in, each named in Chinese only
    page.get_by_test_id("add-section").click()
    expect(page.get_by_test_id("section-1")).to_be_visible()
    s0, s1 = page.get_by_test_id("section-0"), page.get_by_test_id("section-1")
    x, y = centre(s0.bounding_box())
    drag(page, page.get_by_test_id("palette-text"), x, y)
    expect(page.get_by_test_id("prop-label-zh")).to_have_value("单行文本")
    name_field(page, "回访人", "hui_fang_ren")
    drag(page, page.get_by_test_id("palette-date"), x, s0.bounding_box()["y"] + s0.bounding_box()["height"] - 12)
    name_field(page, "回访日期", "hui_fang_ri_qi")
    x1, y1 = centre(s1.bounding_box())
    drag(page, page.get_by_test_id("palette-integer"), x1, y1)
    name_field(page, "回访次数", "hui_fang_ci_shu")
    assert section_fields(page, 0) == ["hui_fang_ren", "hui_fang_ri_qi"]
    assert section_fields(page, 1) == ["hui_fang_ci_shu"]

    # into the gap between the sections: the line ends the upper section, and the field lands there
    gap = page.get_by_test_id("section-gap-0")
    gx, gy = centre(gap.bounding_box())
    press_and_move(page, page.get_by_test_id("palette-mobile"), gx, gy)
    line = s0.get_by_test_id("drop-line")
    expect(line).to_be_visible()
    shot(page, SCENARIO, "02_drop_line_in_gap_zh")
    page.mouse.up()
    expect(line).to_have_count(0)
    name_field(page, "联系电话", "lian_xi_dian_hua")
    assert section_fields(page, 0) == ["hui_fang_ren", "hui_fang_ri_qi", "lian_xi_dian_hua"]

    # onto the lower half of 回访人's card: the line shows after it, and the select lands right after it
    card = page.get_by_test_id("field-hui_fang_ren")
    box = card.bounding_box()
    press_and_move(page, page.get_by_test_id("palette-single_select"), box["x"] + box["width"] / 2,
                   box["y"] + box["height"] * 0.8)
    expect(card).to_have_class(re.compile(r"td-drop-after"))
    shot(page, SCENARIO, "03_drop_line_on_card_zh")
    page.mouse.up()
    name_field(page, "满意度", "man_yi_du")
    assert section_fields(page, 0) == ["hui_fang_ren", "man_yi_du", "hui_fang_ri_qi", "lian_xi_dian_hua"]

    # the options: names only; their keys made from the names, shown under 高级
    for i, label in enumerate(["满意", "一般", "不满意"]):
        page.get_by_test_id(f"option-{i}-zh").fill(label)
    expect(page.get_by_test_id("option-0-value")).to_have_count(0)
    page.get_by_test_id("prop-advanced").click()
    keys = page.get_by_test_id("option-keys")
    for key in ("man_yi", "yi_ban", "bu_man_yi"):
        expect(keys).to_contain_text(key)
    expect(page.get_by_test_id("prop-id")).to_have_value("man_yi_du")
    expect(page.get_by_test_id("prop-advanced-body")).to_contain_text("用于接口和导入导出的字段标识,发布后不可修改")
    page.get_by_test_id("prop-advanced-body").scroll_into_view_if_needed()
    shot(page, SCENARIO, "04_advanced_zh")
    # an English name is left empty, never invented
    expect(page.get_by_test_id("prop-label-en")).to_have_value("")

    # publish: the dialog tells what happens in words
    page.get_by_test_id("publish").click()
    words = page.get_by_test_id("publish-dialog")
    expect(words).to_contain_text("首次发布:创建表单,包含 5 个字段")
    shot(page, SCENARIO, "05_publish_first_zh")
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_text("已发布为版本 1")).to_be_visible()

    published = admin_api.form(FORM)
    ids = [f["id"] for f in published["fields"]]
    assert sorted(ids) == sorted(["hui_fang_ren", "man_yi_du", "hui_fang_ri_qi", "lian_xi_dian_hua", "hui_fang_ci_shu"])
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert all(set(f["label"]) == {"zh"} for f in published["fields"]), "no English label is invented"
    select = next(f for f in published["fields"] if f["id"] == "man_yi_du")
    assert [o["value"] for o in select["options"]] == ["man_yi", "yi_ban", "bu_man_yi"]

    # the grid shows the new fields as its columns; a record is created
    page.goto(f"/apps/{APP}/forms/{FORM}")
    wait_grid_loaded(page)
    headers = page.locator(".ant-table-thead th")
    for label in ("回访人", "满意度", "回访日期", "联系电话", "回访次数"):
        expect(headers.filter(has_text=label)).to_have_count(1)
    page.get_by_test_id("create-record").click()
    drawer = page.get_by_role("dialog", name=re.compile(NAME))
    drawer.get_by_label("回访人", exact=True).fill("王经理")
    pick(page, drawer.get_by_label("满意度", exact=True), "满意")
    page.get_by_test_id("record-save").click()
    expect(page.locator(".ant-table-tbody").get_by_text("王经理")).to_be_visible()
    expect(page.locator(".ant-table-tbody").get_by_text("满意", exact=True)).to_be_visible()
    shot(page, SCENARIO, "06_grid_with_record_zh")

    # the second publish in words: a field made required finds the record without it; a new field
    page.goto(f"/apps/{APP}/forms/{FORM}/design")
    page.get_by_test_id("field-lian_xi_dian_hua").click()
    page.get_by_role("tab", name="校验").click()
    page.get_by_test_id("prop-required").click()
    last = page.get_by_test_id("field-hui_fang_ci_shu").bounding_box()
    drag(page, page.get_by_test_id("palette-text"), last["x"] + last["width"] / 2, last["y"] + last["height"] * 0.8)
    page.get_by_role("tab", name="基本").click()
    name_field(page, "备注", "bei_zhu")
    page.get_by_test_id("publish").click()
    lines = words.get_by_test_id("impact-line")
    expect(lines.filter(has_text="字段“联系电话”改为必填:已有 1 条记录为空,发布后编辑这些记录时需要补填")).to_have_count(1)
    expect(lines.filter(has_text="新增 1 个字段(“备注”),已有数据不受影响")).to_have_count(1)
    shot(page, SCENARIO, "07_publish_words_zh")
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_text("已发布为版本 2")).to_be_visible()
    assert "bei_zhu" in [f["id"] for f in admin_api.form(FORM)["fields"]]

    for lang in ("zh", "en"):
        for size, viewport in (("desktop", DESKTOP), ("390", PHONE)):
            with screen(browser, server, lang, viewport) as other:
                tour(other, lang, size)


def tour(page, lang: str, size: str) -> None:
    """The designer of the form in `lang` at one screen size: a drop line mid-drag, the 高级
    section and the publish dialog, screenshot; nothing wider than the screen."""
    tag = f"{lang}_{size}"
    page.goto(f"/apps/{APP}/forms/{FORM}/design")
    expect(page.get_by_test_id("canvas")).to_be_visible()
    if size == "390":
        expect(page.get_by_test_id("small-screen-notice")).to_be_visible()
    no_horizontal_overflow(page)
    card = page.get_by_test_id("field-hui_fang_ren")
    page.get_by_test_id("palette-text").scroll_into_view_if_needed()
    box = card.bounding_box()
    press_and_move(page, page.get_by_test_id("palette-text"), box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8)
    expect(card).to_have_class(re.compile(r"td-drop-after"))
    shot(page, SCENARIO, f"10_drop_line_{tag}")
    page.mouse.up()
    page.get_by_test_id("prop-advanced").click()
    body = page.get_by_test_id("prop-advanced-body")
    expect(body).to_contain_text("发布后不可修改" if lang == "zh" else "fixed once published")
    body.scroll_into_view_if_needed()
    no_horizontal_overflow(page)
    shot(page, SCENARIO, f"11_advanced_{tag}")
    page.get_by_test_id("publish").click()
    words = page.get_by_test_id("publish-dialog")
    expect(words.get_by_test_id("impact-line").first).to_be_visible()
    expect(words).to_contain_text("已有数据不受影响" if lang == "zh" else "existing data is not affected")
    no_horizontal_overflow(page)
    shot(page, SCENARIO, f"12_publish_{tag}")
    page.keyboard.press("Escape")
