"""The platform's Prometheus metrics (prometheus_client), every name `trellis_*`. The
engines count here (jobs/, notify/, imports/, the web's request hooks); `/metrics`
(web/scrape.py) exposes them with the job gauges it reads from the database at scrape time.

Multiprocess mode: when PROMETHEUS_MULTIPROC_DIR is set before prometheus_client is first
imported (`trellis run` sets it), each process keeps its values in files of that folder
and a scrape of any web process sums them over all processes of the host (a Celery
worker given the same folder is summed in too).

Label values are bounded: routes are URL rules (not paths), methods a fixed set, job
names registered names, channels channel types.
"""
from __future__ import annotations

from prometheus_client import Counter, Histogram, disable_created_metrics

disable_created_metrics()  # no `_created` series: a scrape answers the counts and sums only

LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LAG = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 1800.0, 3600.0)
LONG = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)

HTTP_REQUESTS = Counter("trellis_http_requests", "HTTP requests answered, by route (the URL rule), method and status",
                        ["route", "method", "status"])
HTTP_SECONDS = Histogram("trellis_http_request_duration_seconds", "Time to answer an HTTP request, by route and method",
                         ["route", "method"], buckets=LATENCY)
JOB_RUNS = Counter("trellis_job_runs", "Job runs, by job name and outcome (done, failed, dead, deferred)",
                   ["name", "outcome"])
JOB_LAG = Histogram("trellis_job_lag_seconds", "How late a job started: its claim time minus its run_at, by job name",
                    ["name"], buckets=LAG)
NOTIFY_DELIVERIES = Counter("trellis_notify_deliveries",
                            "Notification delivery attempts, by channel type and result (sent, retrying, failed)",
                            ["channel", "result"])
IMPORT_ROWS = Counter("trellis_import_rows", "Sheet rows imports have processed (checked, then written or refused)")
IMPORT_SECONDS = Histogram("trellis_import_duration_seconds", "How long an import run took, by its final status",
                           ["status"], buckets=LONG)
