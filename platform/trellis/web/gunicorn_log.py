"""gunicorn's logger for `trellis run`: with TRELLIS_LOG_FORMAT=json its error log (and an
access log, when one is configured) is written by the same JSON formatter as Trellis's
own lines (trellis.kernel.logs); with text, gunicorn's format stays.

Use it with a plain gunicorn too: `gunicorn --logger-class trellis.web.gunicorn_log.Logger ...`.
"""
from __future__ import annotations

from gunicorn.glogging import Logger as GunicornLogger

from ..kernel import logs


class Logger(GunicornLogger):
    def setup(self, cfg):
        super().setup(cfg)
        if logs.settings()[0] != "json":
            return
        formatter = logs.formatter("json")
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)
                handler.addFilter(logs.ContextFilter())
