"""`/metrics`: what a scrape answers and who may scrape.

The answer (Prometheus text format) holds only `trellis_*` metrics: the counters and
histograms of kernel/metrics.py, summed over the host's processes in multiprocess mode
(PROMETHEUS_MULTIPROC_DIR), and gauges read from the database at scrape time:
`trellis_jobs{state}` (queued, running, failed, dead: one grouped query),
`trellis_jobs_oldest_waiting_seconds` (how long the earliest waiting job is overdue) and
`trellis_jobs_heartbeat_age_seconds` (jobs/beat.py).

Who: a request with `Authorization: Bearer <TRELLIS_METRICS_TOKEN>` (when that is set),
or from an address in TRELLIS_METRICS_ALLOW (comma-separated addresses or CIDRs, default
loopback only; `none` for the token only). A request that came through a proxy not
declared with TRELLIS_PROXY_HOPS (it carries forwarding headers) is not judged by its
address, since the proxy's loopback address would stand for any client.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import os

import sqlalchemy as sa
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from ..jobs import beat
from ..kernel.errors import BadRequest
from ..storage.models import job as J

log = logging.getLogger(__name__)
DEFAULT_ALLOW = "127.0.0.0/8,::1"
FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
GAUGED = ("queued", "running", "failed", "dead")


def parse_allow(value: str | None) -> tuple:
    """TRELLIS_METRICS_ALLOW as networks; a bilingual error naming the entry that is none."""
    value = DEFAULT_ALLOW if value is None else value
    if value.strip().lower() in ("", "none"):
        return ()
    out = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        try:
            out.append(ipaddress.ip_network("0.0.0.0/0" if part == "*" else part, strict=False))
        except ValueError:
            raise BadRequest(f"TRELLIS_METRICS_ALLOW 中的 {part} 不是地址或网段(如 10.0.0.0/8)",
                             f"{part} in TRELLIS_METRICS_ALLOW is not an address or network (e.g. 10.0.0.0/8)",
                             code="setting", details={"setting": "TRELLIS_METRICS_ALLOW"}) from None
    return tuple(out)


class ScrapeGate:
    """Who may scrape: the bearer token, or the client's address."""

    def __init__(self, token: str | None, allow: str | None, proxy_hops: int = 0):
        self.token = (token or "").strip() or None
        self.networks = parse_allow(allow)
        self.proxy_hops = int(proxy_hops or 0)

    def allows(self, environ: dict, remote: str | None) -> bool:
        if self.token:
            given = environ.get("HTTP_AUTHORIZATION", "")
            if given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip().encode(), self.token.encode()):
                return True
        if not self.networks or not remote:
            return False
        if not self.proxy_hops and any(environ.get(h) for h in FORWARDED):
            return False  # through a proxy the app does not know of: its address is not the client's
        try:
            address = ipaddress.ip_address(remote.split("%", 1)[0])
        except ValueError:
            return False
        if address.version == 6 and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address in net for net in self.networks if net.version == address.version)


class JobGauges:
    """The job gauges, read at scrape time (one grouped query, the heartbeat's age)."""

    def __init__(self, engine: sa.Engine, now):
        self.engine, self.now = engine, now

    def collect(self):
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(sa.select(J.c.state, sa.func.count(), sa.func.min(J.c.run_at))
                                    .where(J.c.state.in_(GAUGED)).group_by(J.c.state)).all()
                age = beat.age(self.engine, conn)
        except Exception as e:  # the database away: the other metrics are still answered
            log.warning("metrics: the job gauges could not be read: %s", e)
            return
        jobs = GaugeMetricFamily("trellis_jobs", "Jobs by state (queued, running, failed = waiting to retry, dead)",
                                 labels=["state"])
        counts = {s: 0 for s in GAUGED} | {s: n for s, n, _ in rows}
        for state in GAUGED:
            jobs.add_metric([state], counts[state])
        yield jobs
        waiting = [r for s, _, r in rows if s in ("queued", "failed") and r is not None]
        overdue = max(0.0, (self.now() - min(waiting)).total_seconds()) if waiting else 0.0
        yield GaugeMetricFamily("trellis_jobs_oldest_waiting_seconds",
                                "How long the earliest waiting job has been due (0: none is due)", value=overdue)
        if age is not None:
            yield GaugeMetricFamily("trellis_jobs_heartbeat_age_seconds",
                                    "Seconds since a scheduler (thread or Celery tick) last claimed jobs", value=age)


class _Ours:
    """This process's own trellis_* metrics (single-process mode)."""

    def collect(self):
        for family in REGISTRY.collect():
            if family.name.startswith("trellis_"):
                yield family


def make_registry(engine: sa.Engine, now) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Ours())
    registry.register(JobGauges(engine, now))
    return registry


def exposition(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
