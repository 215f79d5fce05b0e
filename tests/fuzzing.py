"""Property-based fuzzing of the whole OpenAPI document with schemathesis: for each
operation, requests generated from the document (valid ones, then invalid ones) are sent
to the app and every answer is checked: no 5xx, a documented status, the documented
content type, a body conformant to the documented schema. Failures are collected (the
first of each operation and check, with a curl line to replay it), not raised, so that
one run reports them all; the run stops taking new operations past its time budget.

Used by tests/api/test_fuzz.py and tests/bench/fuzz.sh, against tests/fuzz_server.py."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@dataclass
class Report:
    requests: int = 0
    server_errors: int = 0
    statuses: dict = field(default_factory=dict)
    failures: dict = field(default_factory=dict)   # (operation, check title) -> curl line
    skipped: list = field(default_factory=list)     # operations left out for time

    def lines(self) -> list[str]:
        return [f"{op}: {title}\n    {curl}" for (op, title), curl in sorted(self.failures.items())]


def load(base_url: str, headers: dict):
    """The document as the user of `headers` sees it, served at `base_url`."""
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json", headers=headers)
    schema.base_url = base_url
    return schema


def login(session, base_url: str, username: str, password: str) -> dict:
    r = session.post(f"{base_url}/api/v1/security/login",
                     json={"username": username, "password": password, "provider": "db"}, timeout=30)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def fuzz(schema, headers: dict, report: Report, *, positive: int, negative: int, budget_s: float,
         skip=lambda label: False, session=None, derandomize: bool = True, stop_after: int | None = None,
         progress=None) -> Report:
    """Fuzz every operation of `schema` with `positive` valid and `negative` invalid
    requests each, within `budget_s` seconds (and until `stop_after` requests in all)."""
    deadline = time.monotonic() + budget_s
    for result in schema.get_all_operations():
        if stop_after is not None and report.requests >= stop_after:
            break
        operation = result.ok()
        label = operation.label
        if skip(label):
            continue
        for mode, examples in ((GenerationMode.POSITIVE, positive), (GenerationMode.NEGATIVE, negative)):
            if not examples:
                continue
            if time.monotonic() > deadline:
                report.skipped.append(f"{label} ({mode.value})")
                continue
            _run(operation, mode, headers, report, examples, deadline, session, derandomize)
        if progress is not None:
            progress(report)
    return report


def _run(operation, mode, headers, report: Report, examples: int, deadline: float, session, derandomize) -> None:
    try:
        strategy = operation.as_strategy(generation_mode=mode)
    except Exception as exc:  # an operation without negative variants, for one
        report.failures.setdefault((operation.label, f"no {mode.value} cases"), repr(exc)[:200])
        return

    @settings(max_examples=examples, deadline=None, database=None, derandomize=derandomize, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(case):
        if time.monotonic() > deadline:
            return
        kwargs = {"session": session} if session is not None else {}
        try:
            response = case.call(headers=headers, **kwargs)
        except Exception as exc:  # the transport failed: report it like a server error
            report.failures.setdefault((operation.label, "transport"), repr(exc)[:300])
            return
        report.requests += 1
        report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            report.server_errors += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a group of check failures
            for failure in getattr(exc, "exceptions", [exc]):
                title = getattr(failure, "title", type(failure).__name__)
                report.failures.setdefault((operation.label, title), case.as_curl_command(headers=headers))
    try:
        one()
    except Unsatisfiable:  # nothing in this operation can be made invalid (or valid)
        pass
