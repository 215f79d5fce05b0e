"""What stands between a public link and its form: the captcha (handed out as a picture,
its answer kept in the database: single use, expiring) and the hourly submission limits
(per client address and per link). Both live in the database so every serving process
(several gunicorn workers, several hosts) sees the same captchas and counts."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..kernel.errors import BadRequest, TrellisError
from ..storage import models as m
from ..storage.database import writing
from . import captcha_svg

CAPTCHA_TTL = timedelta(minutes=5)
WINDOW = timedelta(hours=1)
C, H = m.public_captcha, m.public_hits


class TooManySubmissions(TrellisError):
    """A link's hourly limit is reached; `retry_after` seconds until the next window."""

    status = 429
    code = "rate_limited"

    def __init__(self, zh: str, en: str, retry_after: int, details=None):
        super().__init__(zh, en, details=details)
        self.retry_after = retry_after


def captcha_error(code: str, zh: str, en: str) -> BadRequest:
    return BadRequest(zh, en, code=code, details={"field": "captcha"})


class PublicGuard:
    def __init__(self, engine, clock):
        self.engine = engine
        self.clock = clock

    def now(self) -> datetime:
        return self.clock.now().replace(microsecond=0, tzinfo=None)

    # -- captcha ----------------------------------------------------------------------
    def issue(self, token: str) -> tuple[str, str]:
        """(id, SVG picture) of a new captcha for the link; expired ones are cleared."""
        text, cid, now = captcha_svg.answer(), secrets.token_hex(16), self.now()
        with writing(self.engine) as conn:
            conn.execute(C.delete().where(C.c.expires_at < now))
            conn.execute(H.delete().where(H.c.window_start < now - 2 * WINDOW))
            conn.execute(C.insert().values(id=cid, token=token, answer=text, expires_at=now + CAPTCHA_TTL))
        return cid, captcha_svg.draw(text)

    def check(self, token: str, cid, given) -> None:
        """Accept the captcha's answer once (right or wrong, the captcha is used up)."""
        if not isinstance(cid, str) or not cid or not isinstance(given, str) or not given.strip():
            raise captcha_error("captcha_required", "请填写验证码", "enter the captcha")
        with writing(self.engine) as conn:
            row = conn.execute(sa.select(C).where(C.c.id == cid[:32], C.c.token == token)).first()
            used = row is not None and conn.execute(C.delete().where(C.c.id == row.id)).rowcount == 1
        if not used or row.expires_at < self.now():
            raise captcha_error("captcha_expired", "验证码已失效,请刷新后重新输入", "the captcha has expired; refresh it and try again")
        if given.strip().upper() != row.answer:
            raise captcha_error("captcha_wrong", "验证码不正确,请看新图片重新输入", "the captcha is wrong; try the new picture")

    # -- limits -----------------------------------------------------------------------
    def count(self, limits: list[tuple[str, int, tuple[str, str]]]) -> None:
        """Count one submission under each (key, hourly limit, (zh, en) who) and refuse (429)
        when one of them goes past its limit."""
        now = self.now()
        start = now.replace(minute=0, second=0)
        retry = max(1, int((start + WINDOW - now).total_seconds()))
        over = None
        with writing(self.engine) as conn:
            for key, limit, who in limits:  # a submission refused by one limit is not counted by the next
                if self._hit(conn, key[:160], start) > limit:
                    over = (limit, who)
                    break
        if over is not None:
            limit, (zh, en) = over
            minutes = max(1, round(retry / 60))
            raise TooManySubmissions(f"{zh}提交过于频繁(每小时最多 {limit} 次),请 {minutes} 分钟后再试",
                                     f"too many submissions {en} (at most {limit} an hour); try again in {minutes} minutes",
                                     retry, details={"limit": limit, "retry_after": retry})

    @staticmethod
    def _hit(conn, key: str, start: datetime) -> int:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(H).values(key=key, window_start=start, count=1)
        stmt = stmt.on_conflict_do_update(index_elements=[H.c.key, H.c.window_start],
                                          set_={"count": H.c.count + 1}).returning(H.c.count)
        return conn.execute(stmt).scalar_one()
