"""Domain errors. Engines raise these; one API error handler turns them into JSON.

Every message is bilingual: `message` is a dict `{"zh": ..., "en": ...}`.
"""
from __future__ import annotations


def bilingual(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


class TrellisError(Exception):
    """Base of all domain errors; `status` is the HTTP status the API answers with."""

    status = 400
    code = "bad_request"

    def __init__(self, zh: str, en: str, *, code: str | None = None, details=None):
        super().__init__(en)
        self.message = bilingual(zh, en)
        if code:
            self.code = code
        self.details = details

    def to_dict(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.details is not None:
            out["details"] = self.details
        return out


class BadRequest(TrellisError):
    status = 400


class Unauthorized(TrellisError):
    status = 401
    code = "unauthorized"


class Forbidden(TrellisError):
    status = 403
    code = "forbidden"


class NotFound(TrellisError):
    status = 404
    code = "not_found"


class Conflict(TrellisError):
    status = 409
    code = "conflict"


class Busy(TrellisError):
    """The server cannot take the request now (a write waited too long): retry later."""
    status = 503
    code = "busy"


class Unprocessable(TrellisError):
    """Well-formed input that cannot be used (a formula that does not compile)."""
    status = 422
    code = "unprocessable"


class FieldError(dict):
    """One field's problem: {"field", "code", "message": {"zh", "en"}} (plus "row" in bulk)."""

    def __init__(self, field: str, code: str, zh: str, en: str, **extra):
        super().__init__(field=field, code=code, message=bilingual(zh, en), **extra)


class ValidationFailed(TrellisError):
    """All field errors of a write at once (HTTP 422)."""

    status = 422
    code = "invalid"

    def __init__(self, errors: list[dict]):
        first = errors[0]["message"] if errors else bilingual("", "")
        super().__init__(f"数据校验失败:{first['zh']}", f"Validation failed: {first['en']}")
        self.errors = errors

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "errors": self.errors}


class DefinitionInvalid(TrellisError):
    """A definition breaks its meta-schema; `errors` carry JSON pointers."""

    status = 422
    code = "definition_invalid"

    def __init__(self, errors: list[dict]):
        first = errors[0]["message"] if errors else bilingual("", "")
        super().__init__(f"定义无效:{first['zh']}", f"Invalid definition: {first['en']}")
        self.errors = errors

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "errors": self.errors}
