"""The password policy: at least 10 characters, letters and digits, not containing the
username. Flask-AppBuilder applies it (FAB_PASSWORD_COMPLEXITY_ENABLED) wherever a password
is set through its security API or forms: user creation and edit, password resets,
self-registration. Its hook receives only the password; the API layer finds the username
the request is about, calls `check` with both and hands FAB the refusal in its own type.
"""
from __future__ import annotations

from ..kernel.errors import BadRequest

MIN_LENGTH = 10
MIN_USERNAME = 3  # shorter usernames ("li") are not searched for in the password


class PasswordRejected(BadRequest):
    """The password breaks the policy; `message` is {"zh", "en"} naming every problem."""

    code = "weak_password"

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(";".join(p[0] for p in problems), "; ".join(p[1] for p in problems))

    def __str__(self) -> str:
        return f"{self.message['zh']} / {self.message['en']}"


def problems(password: str, username: str | None = None) -> list[tuple[str, str]]:
    """Every rule the password breaks, as (zh, en) pairs; empty when it is acceptable."""
    password = password or ""
    out = []
    if len(password) < MIN_LENGTH:
        out.append((f"密码至少需要 {MIN_LENGTH} 个字符", f"the password needs at least {MIN_LENGTH} characters"))
    if not any(ch.isalpha() for ch in password) or not any(ch.isdigit() for ch in password):
        out.append(("密码必须同时包含字母和数字", "the password must contain both letters and digits"))
    name = (username or "").strip().casefold()
    if len(name) >= MIN_USERNAME and name in password.casefold():
        out.append(("密码不能包含用户名", "the password must not contain the username"))
    return out


def check(password: str, username: str | None = None) -> None:
    """Raise PasswordRejected naming every problem."""
    found = problems(password, username)
    if found:
        raise PasswordRejected(found)
