"""`trellis import` and `trellis import-rollback` as a user runs them (a fresh instance
with the futures CRM seeded)."""
from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime, timedelta
import sys
from pathlib import Path

import openpyxl
import pytest

from import_helpers import write_csv, write_xlsx

BIN = Path(sys.executable).parent / "trellis"
HEAD = ["客户名称", "手机号", "风险测评结果", "开户日期", "营业部", "客户经理"]


def _run(args, home):
    env = {k: v for k, v in os.environ.items() if k not in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL")}
    env.update(TRELLIS_HOME=str(home))
    return subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    if not BIN.exists():
        pytest.skip(f"the trellis command is not installed next to {sys.executable}")
    home = tmp_path_factory.mktemp("cli_import")
    for args in (["init"], ["seed", "futures_crm", "--clients", "20"]):
        out = _run(args, home)
        assert out.returncode == 0, out.stderr
    return home


def _batch(stdout: str) -> int:
    return int(re.search(r"batch_id=(\d+)", stdout).group(1))


def test_import_dry_run_then_real_then_rollback(home, tmp_path):
    rows = [HEAD, ["命令行客户", "13600000001", "C3 稳健型", "2024年3月1日", "上海营业部", "周海峰"],
            ["坏行", "123", "C3", "2024-03-01", "不存在的营业部", None]]
    book = write_xlsx(tmp_path / "cli.xlsx", rows)
    errors = tmp_path / "errors.xlsx"
    out = _run(["import", str(book), "--app", "futures_crm", "--form", "client", "--dry-run",
                "--errors", str(errors)], home)
    assert out.returncode == 3, out.stdout + out.stderr  # finished, rows refused
    assert "客户名称 -> name" in out.stdout and "试导入完成" in out.stdout and "Dry run finished" in out.stdout
    assert _batch(out.stdout) > 0
    got = [[c.value for c in r] for r in openpyxl.load_workbook(errors).worksheets[0].iter_rows()]
    assert got[1][0] == 3 and "手机号" in got[1][-1] and "营业部" in got[1][-1]

    out = _run(["import", str(book), "--app", "futures_crm", "--form", "client", "--on-error", "skip"], home)
    assert out.returncode == 3 and "新增 / inserted: 1" in out.stdout, out.stdout + out.stderr
    batch = _batch(out.stdout)
    back = _run(["import-rollback", str(batch)], home)
    assert back.returncode == 0 and "rolled_back" in back.stdout, back.stdout + back.stderr
    again = _run(["import-rollback", str(batch)], home)
    assert again.returncode != 0 and "已回滚" in again.stderr


def test_import_csv_upsert_as_a_user(home, tmp_path):
    rows = [HEAD[:4], ["甲", "13600000100", "C1", "2024/1/2"], ["乙", "13600000101", "C2", "2024/1/3"]]
    book = write_csv(tmp_path / "c.csv", rows, encoding="gbk")
    out = _run(["import", str(book), "--app", "futures_crm", "--form", "client"], home)
    assert out.returncode == 0, out.stdout + out.stderr
    rows[1][2] = "C5"
    book = write_csv(tmp_path / "c2.csv", rows, encoding="gbk")
    out = _run(["import", str(book), "--app", "futures_crm", "--form", "client", "--mode", "upsert",
                "--key", "mobile", "--user", "sysadmin"], home)
    assert out.returncode == 0 and "更新 / updated: 1" in out.stdout and "无变化 / unchanged: 1" in out.stdout, \
        out.stdout + out.stderr
    bad = _run(["import", str(book), "--app", "futures_crm", "--form", "client", "--mode", "update"], home)
    assert bad.returncode != 0 and "匹配字段" in bad.stderr and "key" in bad.stderr
    nobody = _run(["import", str(book), "--app", "futures_crm", "--form", "client", "--user", "ghost"], home)
    assert nobody.returncode != 0 and "ghost" in nobody.stderr


def test_a_command_line_import_leaves_its_batch_a_watchdog_job(home, tmp_path):
    """The batch's job is due a minute later: it finds the finished batch and does nothing
    (had the command died mid-run, it would mark the batch failed: test_import_tasks)."""
    rows = [HEAD, ["看门狗客户", "13600000009", "C3 稳健型", "2024-03-01", "上海营业部", "周海峰"]]
    out = _run(["import", str(write_xlsx(tmp_path / "w.xlsx", rows)), "--app", "futures_crm", "--form", "client"], home)
    assert out.returncode == 0, out.stdout + out.stderr
    batch = _batch(out.stdout)
    listed = _run(["jobs", "list", "--name", "imports.run"], home)
    assert listed.returncode == 0 and re.search(rf"imports\.run.*queued|queued.*imports\.run", listed.stdout), listed.stdout
    # two days on: the watchdog is due a minute after the import (the seed's flows keep daily scans going)
    until = (datetime.now() + timedelta(days=2)).isoformat(timespec="minutes")
    ran = _run(["jobs", "run", "--until", until, "--simulate"], home)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    done = _run(["jobs", "list", "--name", "imports.run", "--state", "queued"], home)
    assert f"[{batch}]" not in done.stdout, done.stdout
    status = _run(["import-rollback", str(batch)], home)  # the batch is still a finished one
    assert status.returncode == 0 and "rolled_back" in status.stdout, status.stdout + status.stderr
