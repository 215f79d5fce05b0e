"""Channel configurations at rest: sealed with Fernet (AES-128-CBC + HMAC-SHA256) under a
key derived from the instance secret (HKDF-SHA256, its own `info`, so the key that seals
credentials is not the key that signs sessions). Changing the secret makes stored
configurations unreadable: they must then be entered again (the API says so)."""
from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..kernel.errors import Conflict, TrellisError

INFO = b"trellis notification channel configuration v1"


def _fernet(secret: str | bytes | None) -> Fernet:
    if not secret:
        raise TrellisError("实例密钥未设置,无法保存渠道配置", "the instance secret is not set: channel configurations "
                           "cannot be stored", code="no_instance_secret")
    raw = secret.encode() if isinstance(secret, str) else secret
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(raw)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret, config: dict) -> str:
    return _fernet(secret).encrypt(json.dumps(config, ensure_ascii=False).encode()).decode()


def unseal(secret, token: str, name: str = "") -> dict:
    try:
        return json.loads(_fernet(secret).decrypt(token.encode()))
    except InvalidToken:
        raise Conflict(f"渠道 {name} 的配置无法解密(实例密钥已更换?),请重新填写",
                       f"the configuration of channel {name} cannot be decrypted (was the instance secret "
                       "changed?): enter it again", code="channel_config_unreadable") from None
