"""A long schemathesis run over the whole OpenAPI document against a running instance
(tests/fuzz_server.py): rounds of every operation as one user (--user: the administrator or
an account manager), fresh random cases each round, until --requests requests were sent or
--seconds passed. Prints the requests sent, the 5xx answers, the statuses and each
distinct failure (operation, check) with a curl line; exits 1 when a 5xx was seen.

    python tests/bench/fuzz.py http://127.0.0.1:PORT [--user admin] [--requests 50000] [--seconds 3000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402

from crm_app import ADMIN_PASSWORD, DEMO_PASSWORD  # noqa: E402
from fuzzing import Report, fuzz, load, login  # noqa: E402

PASSWORDS = {"admin": ADMIN_PASSWORD, "am0001": DEMO_PASSWORD}


def fab_admin_crud(label: str) -> bool:
    return " /api/v1/security/" in label and not label.endswith(("/security/login", "/security/refresh"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("--user", choices=sorted(PASSWORDS), default="admin")
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=3000)
    parser.add_argument("--positive", type=int, default=20)
    parser.add_argument("--negative", type=int, default=10)
    args = parser.parse_args()
    report, started, rounds = Report(), time.monotonic(), 0
    while report.requests < args.requests and time.monotonic() - started < args.seconds:
        session = requests.Session()
        headers = login(session, args.base_url, args.user, PASSWORDS[args.user])
        schema = load(args.base_url, headers)
        left = args.seconds - (time.monotonic() - started)
        fuzz(schema, headers, report, positive=args.positive, negative=args.negative, budget_s=left,
             skip=fab_admin_crud if args.user == "admin" else (lambda label: False), session=session,
             derandomize=False, stop_after=args.requests, progress=lambda r: print(
                 f"{r.requests} requests, {r.server_errors} 5xx ({time.monotonic() - started:.0f} s)", flush=True))
        rounds += 1
        print(f"round {rounds}: {report.requests} requests, {report.server_errors} 5xx "
              f"({time.monotonic() - started:.0f} s)", flush=True)
    print(f"user: {args.user}")
    print(f"requests: {report.requests}")
    print(f"5xx: {report.server_errors}")
    print(f"statuses: {dict(sorted(report.statuses.items()))}")
    print(f"seconds: {time.monotonic() - started:.0f}")
    print(f"distinct failures: {len(report.failures)}")
    for line in report.lines():
        print(line)
    return 1 if report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
