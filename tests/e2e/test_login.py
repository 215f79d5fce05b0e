"""Signing in through the UI: a wrong password is refused with a Chinese message; the login
page's own address works when opened directly (bookmark, reload); after signing in the user
lands on the page they asked for; signing out returns to the login page."""
from __future__ import annotations

import re

from e2e_ui import ADMIN_PASSWORD, APP, LOGIN_PATH, grid_rows, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s0_login"


def fill_and_submit(page, username: str, password: str) -> None:
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name=re.compile(r"^\s*登\s*录\s*$")).click()


def test_wrong_password_then_deep_link(page):
    page.goto(f"/apps/{APP}/forms/ticket")
    expect(page).to_have_url(re.compile(rf"{LOGIN_PATH}\?next="))
    fill_and_submit(page, "admin", "not-the-password")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("登录失败")
    expect(alert).to_contain_text("用户名或密码不正确")
    expect(page).to_have_url(re.compile(LOGIN_PATH))
    shot(page, SCENARIO, "01_wrong_password")

    fill_and_submit(page, "admin", ADMIN_PASSWORD)
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/ticket$"))
    wait_grid_loaded(page)
    expect(page.locator(".trellis-page-title h2")).to_have_text("工单")
    expect(grid_rows(page).first).to_be_visible()

    # signing out returns to the login page; the grid is no longer reachable
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name=re.compile("退出登录")).click()
    expect(page).to_have_url(re.compile(LOGIN_PATH))
    page.goto(f"/apps/{APP}/forms/ticket")
    expect(page).to_have_url(re.compile(LOGIN_PATH))


def test_login_page_opened_by_its_address(page):
    """Reloading the login page, or opening it from a bookmark, shows the UI's login form."""
    page.goto(LOGIN_PATH)
    expect(page.get_by_label("用户名", exact=True)).to_be_visible()
    expect(page.get_by_label("密码", exact=True)).to_be_visible()
    expect(page.locator("#root")).to_be_attached()
    page.reload()
    expect(page.get_by_label("用户名", exact=True)).to_be_visible()
    shot(page, SCENARIO, "02_login_page_by_address")
