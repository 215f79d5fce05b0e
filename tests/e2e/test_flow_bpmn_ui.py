"""BPMN export and preview in the flow editor, on the seeded journey 新客户引导 (onboarding:
a welcome message, waits, two branches, a follow-up task).

1. "导出 BPMN" downloads `onboarding.bpmn`: BPMN 2.0 XML naming the flow's nodes.
2. "BPMN 预览" opens a drawer where bpmn-js draws it: no import error or notice, a shape
   per node (the welcome message, the gateways of each branch, the start and end events)
   and edges between them.
3. Screenshots of the preview (zh and en, desktop and a 390 px phone) go to
   /tmp/trellis_bpmn_shots/ (printed), not to the shared artifacts folder.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from e2e_ui import APP, settle
from playwright.sync_api import expect

KEY = "onboarding"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path(tempfile.gettempdir()) / "trellis_bpmn_shots"


@pytest.fixture(scope="session", autouse=True)
def _fresh_shots():
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\nBPMN preview screenshots: {SHOTS}")


def _open_editor(page) -> None:
    page.goto(f"/apps/{APP}/flows/{KEY}")
    expect(page.get_by_test_id("flow-editor")).to_be_visible()
    expect(page.get_by_test_id("flow-bpmn-preview")).to_be_visible()


def _open_preview(page):
    page.get_by_test_id("flow-bpmn-preview").click()
    canvas = page.get_by_test_id("bpmn-canvas")
    expect(canvas).to_have_attribute("data-state", "ready", timeout=20_000)
    return canvas


def test_bpmn_export_and_preview(admin_page):
    page = admin_page
    _open_editor(page)

    # 1. the download
    with page.expect_download() as info:
        page.get_by_test_id("flow-bpmn-export").click()
    download = info.value
    assert download.suggested_filename == f"{KEY}.bpmn"
    xml = Path(download.path()).read_text(encoding="utf-8")
    assert "<bpmn:definitions" in xml and 'id="Process_onboarding"' in xml and 'id="welcome"' in xml

    # 2. the drawing
    canvas = _open_preview(page)
    assert canvas.get_attribute("data-warnings") == "0"
    expect(page.get_by_test_id("flow-bpmn-error")).to_have_count(0)
    elements = canvas.locator(".djs-element")
    assert elements.count() > 20, elements.count()
    for ident in ("StartEvent_1", "welcome", "wait_deposit", "no_deposit_split", "no_deposit_join",
                  "deposited_split", "callback", "EndEvent_1"):
        expect(canvas.locator(f'.djs-element[data-element-id="{ident}"]')).to_have_count(1)
    assert canvas.locator(".djs-connection").count() >= 12
    expect(canvas.locator('.djs-element[data-element-id="welcome"]')).to_contain_text("发送欢迎邮件")
    box = canvas.locator('.djs-element[data-element-id="welcome"]').bounding_box()
    assert box and box["width"] > 20, box  # fitted to the drawer, not a speck

    # 3. screenshots, both languages, desktop and phone
    for lang in ("zh", "en"):
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
            _open_editor(page)
            _open_preview(page)
            expect(page.get_by_test_id("flow-bpmn-drawer")).to_contain_text(
                "BPMN 2.0 预览" if lang == "zh" else "BPMN 2.0 preview")
            page.wait_for_timeout(300)  # the drawer's slide-in
            settle(page)
            page.screenshot(path=str(SHOTS / f"bpmn_preview_{lang}_{name}.png"), animations="disabled")
    page.set_viewport_size(DESKTOP)
    page.evaluate("() => localStorage.setItem('trellis.lang', 'zh')")
