"""The webhook channel against a real HTTP receiver on loopback that verifies the signature
the way a receiving system should (HMAC over timestamp + "." + raw body, constant-time
compare), and how answers, a dead port and a slow receiver are classified."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket

import pytest
from notify.receiver import Answer, Receiver

from trellis.notify.errors import PermanentError, TransientError
from trellis_webhook import WebhookChannel

SECRET = "whsec-测试-0123456789"


def verifying(secret: str, then=None):
    """A receiver script: 401 unless the signature is right, else `then` (default 200)."""
    def answer(request):
        timestamp = request.header("X-Trellis-Timestamp") or ""
        expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + request.body,
                                        hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.header("X-Trellis-Signature") or ""):
            return Answer(401, {"error": "bad signature"})
        return then(request) if then else Answer.ok({"received": True})
    return answer


def _config(rx, **over):
    config = {"url": rx.url("/hooks/trellis"), "secret": SECRET, "headers": {"X-Tenant": "futures-crm"}}
    config.update(over)
    return config


def test_signed_json_arrives_and_verifies(ctx, message):
    with Receiver(verifying(SECRET)) as rx:
        msg = message(channel="hook", channel_type="webhook", to=None)
        sent = WebhookChannel().send(_config(rx), msg, ctx)
    request, = rx.requests
    assert sent.answer.startswith("200") and '"received": true' in sent.answer
    assert request.method == "POST" and request.path == "/hooks/trellis"
    assert request.header("Content-Type") == "application/json; charset=utf-8"
    assert request.header("Idempotency-Key") == request.header("X-Trellis-Key") == msg.key
    assert request.header("X-Tenant") == "futures-crm"
    assert abs(int(request.header("X-Trellis-Timestamp")) - ctx.now.timestamp()) < 2
    body = request.json
    assert set(body) == {"key", "app", "channel", "event", "urgency", "to", "recipient", "subject", "text", "form",
                         "record", "link", "sent_at"}
    assert body["key"] == msg.key and body["subject"] == "保证金追加通知 Margin call" and body["record"] == 12
    assert body["recipient"]["name"] == "李雷" and body["to"] is None and body["event"] == "margin_call"
    assert "保证金" in request.text                                    # UTF-8, not \\u escapes


def test_a_wrong_secret_is_refused_by_the_receiver_as_permanent(ctx, message):
    with Receiver(verifying(SECRET)) as rx:
        with pytest.raises(PermanentError) as refused:
            WebhookChannel().send(_config(rx, secret="not-the-secret"), message(), ctx)
    assert "401" in str(refused.value) and "拒绝" in str(refused.value) and "refused" in str(refused.value)
    assert "not-the-secret" not in str(refused.value) + refused.value.answer


def test_a_retry_carries_the_same_key(ctx, message):
    answers = iter([Answer.transient(503), Answer.ok(), Answer.ok()])
    with Receiver(verifying(SECRET, then=lambda request: next(answers))) as rx:
        msg = message()
        with pytest.raises(TransientError):
            WebhookChannel().send(_config(rx), msg, ctx)
        WebhookChannel().send(_config(rx), msg, ctx)                  # the retry
        WebhookChannel().send(_config(rx), message(key="m43:user:7:hook"), ctx)
    assert len(rx.requests) == 3 and rx.distinct_keys == 2 and rx.keys[msg.key] == 2


@pytest.mark.parametrize("status,error", [(201, None), (204, None), (408, TransientError), (425, TransientError),
                                          (429, TransientError), (500, TransientError), (503, TransientError),
                                          (400, PermanentError), (404, PermanentError), (410, PermanentError),
                                          (301, PermanentError)])
def test_answers_are_classified(ctx, message, status, error):
    with Receiver(verifying(SECRET, then=lambda r: Answer(status, {"status": status}))) as rx:
        if error is None:
            assert WebhookChannel().send(_config(rx), message(), ctx).answer.startswith(str(status))
        else:
            with pytest.raises(error) as failed:
                WebhookChannel().send(_config(rx), message(), ctx)
            assert f"HTTP {status}" in str(failed.value)


def test_no_receiver_and_a_slow_one_are_transient(ctx, message):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(TransientError) as refused:
        WebhookChannel().send({"url": f"http://127.0.0.1:{port}/x?token=abc123", "secret": SECRET}, message(), ctx)
    assert "connection refused" in str(refused.value) and "abc123" not in str(refused.value)
    with Receiver([Answer.slow(1.5)]) as rx:
        with pytest.raises(TransientError) as slow:
            WebhookChannel().send(_config(rx, timeout=0.3), message(), ctx)
    assert "0.3" in str(slow.value) and "did not answer" in str(slow.value)


def test_settings_missing_are_permanent_and_the_schema_hides_the_secret(ctx, message):
    with pytest.raises(PermanentError) as missing:
        WebhookChannel().send({"url": "http://127.0.0.1:1/"}, message(), ctx)
    assert "secret" in str(missing.value)
    for url in ("ftp://127.0.0.1/", "file:///etc/passwd", "not a url"):
        with pytest.raises(PermanentError) as bad:
            WebhookChannel().send({"url": url, "secret": SECRET}, message(), ctx)
        assert "invalid URL" in str(bad.value)
    schema = WebhookChannel.config_schema
    assert schema["properties"]["secret"]["writeOnly"] is True and set(schema["required"]) == {"url", "secret"}
    assert WebhookChannel.address is None and json.dumps(WebhookChannel.describe())


def test_a_header_http_cannot_carry_is_a_permanent_settings_error(ctx, message):
    with Receiver() as rx:
        with pytest.raises(PermanentError) as bad:
            WebhookChannel().send(_config(rx, headers={"X-Name": "期货"}), message(), ctx)
    assert "X-Name" in str(bad.value) and rx.requests == []
