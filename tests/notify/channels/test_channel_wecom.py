"""The WeCom channel against a real HTTP stand-in of the WeCom API on loopback: the group
robot's payload, and for application messages the access token fetched once and kept
across sends, fetched again on expiry and after a 42001 answer, WeCom's duplicate check
switched on, and how errcodes are classified; the secret never shows."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from notify.receiver import Answer, Receiver

from trellis.notify.errors import PermanentError, TransientError
from trellis_wecom import WecomChannel
from trellis_wecom.channel import content

SECRET = "wecom-app-secret-Zq81"


def _msg(message, **over):
    values = dict(channel="wecom", channel_type="wecom", to="LiLei", key="m42:user:7:wecom")
    values.update(over)
    return message(**values)


class WecomApi:
    """Answers gettoken with numbered tokens and message/send per a script."""

    def __init__(self, sends=None, expires_in=7200):
        self.numbers = itertools.count(1)
        self.sends = list(sends or [{"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": "msg-1"}])
        self.sent = 0
        self.expires_in = expires_in

    def gettoken(self, request):
        if request.query.get("corpsecret") != SECRET:
            return Answer.json({"errcode": 40001, "errmsg": f"invalid credential, corpsecret {request.query.get('corpsecret')}"})
        return Answer.json({"errcode": 0, "errmsg": "ok", "access_token": f"TOKEN-{next(self.numbers)}",
                            "expires_in": self.expires_in})

    def send(self, request):
        answer = self.sends[min(self.sent, len(self.sends) - 1)]
        self.sent += 1
        return Answer.json(answer)

    def script(self):
        return {"/cgi-bin/gettoken": self.gettoken, "/cgi-bin/message/send": self.send}


def _app(rx, **over):
    config = {"mode": "app", "corp_id": "ww1234567890", "agent_id": 1000002, "secret": SECRET,
              "api_base": rx.url("/")}
    config.update(over)
    return config


def test_robot_text_with_mentions_and_markdown(ctx, message):
    with Receiver([Answer.json({"errcode": 0, "errmsg": "ok"})]) as rx:
        url = rx.url("/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa")
        config = {"mode": "robot", "webhook_url": url, "mentioned_list": ["@all"], "mentioned_mobile_list": ["13800138000"]}
        sent = WecomChannel().send(config, _msg(message, to=None), ctx)
        WecomChannel().send({"mode": "robot", "webhook_url": url, "msgtype": "markdown"}, _msg(message, to=None), ctx)
    text, markdown = rx.requests
    assert text.method == "POST" and text.path == "/cgi-bin/webhook/send"
    assert text.query == {"key": "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"}
    assert text.json == {"msgtype": "text", "text": {
        "content": "保证金追加通知 Margin call\n客户张三的保证金不足,请尽快处理。\nMargin is short.\n"
                   "https://trellis.example.cn/apps/crm/client/12",
        "mentioned_list": ["@all"], "mentioned_mobile_list": ["13800138000"]}}
    assert markdown.json["msgtype"] == "markdown" and set(markdown.json) == {"msgtype", "markdown"}
    assert markdown.json["markdown"]["content"].startswith("**保证金追加通知 Margin call**\n")
    assert "[查看 / Open](https://trellis.example.cn/apps/crm/client/12)" in markdown.json["markdown"]["content"]
    assert sent.answer == '{"errcode": 0, "errmsg": "ok"}'
    assert WecomChannel.address_for({"mode": "robot"}) is None and WecomChannel.address_for({"mode": "app"}) == "wecom"


@pytest.mark.parametrize("errcode,error", [(45009, TransientError), (-1, TransientError), (93000, PermanentError)])
def test_robot_errcodes(ctx, message, errcode, error):
    key = "robot-key-0ec2sifa5aaa"
    with Receiver([Answer.json({"errcode": errcode, "errmsg": f"failed for key {key}"})]) as rx:
        with pytest.raises(error) as failed:
            WecomChannel().send({"mode": "robot", "webhook_url": rx.url(f"/cgi-bin/webhook/send?key={key}")},
                                _msg(message), ctx)
    assert str(errcode) in str(failed.value) and "企业微信" in str(failed.value) and "WeCom" in str(failed.value)
    assert key not in str(failed.value) + failed.value.answer


def test_app_token_is_fetched_once_and_kept(ctx, message):
    api = WecomApi()
    with Receiver(api.script()) as rx:
        WecomChannel().send(_app(rx), _msg(message), ctx)
        sent = WecomChannel().send(_app(rx, msgtype="markdown"), _msg(message, to="HanMeimei", key="m42:user:8:wecom"), ctx)
    assert rx.paths() == ["/cgi-bin/gettoken", "/cgi-bin/message/send", "/cgi-bin/message/send"]
    token_request, first, second = rx.requests
    assert token_request.method == "GET" and token_request.query == {"corpid": "ww1234567890", "corpsecret": SECRET}
    assert first.query == {"access_token": "TOKEN-1"} == second.query
    assert first.json == {"touser": "LiLei", "msgtype": "text", "agentid": 1000002, "safe": 0,
                          "text": {"content": content(_msg(message), "text")},
                          "enable_duplicate_check": 1, "duplicate_check_interval": 1800}
    assert second.json["touser"] == "HanMeimei" and second.json["msgtype"] == "markdown"
    assert second.json["markdown"]["content"].startswith("**保证金追加通知")
    assert sent.provider_id == "msg-1" and "TOKEN" not in sent.answer


def test_app_token_is_fetched_again_after_42001_and_on_expiry(ctx, message):
    api = WecomApi(sends=[{"errcode": 42001, "errmsg": "access_token expired"}, {"errcode": 0, "msgid": "m2"}])
    with Receiver(api.script()) as rx:
        sent = WecomChannel().send(_app(rx), _msg(message), ctx)
        assert rx.paths() == ["/cgi-bin/gettoken", "/cgi-bin/message/send", "/cgi-bin/gettoken", "/cgi-bin/message/send"]
        assert [r.query.get("access_token") for r in rx.requests] == [None, "TOKEN-1", None, "TOKEN-2"]
        assert sent.provider_id == "m2"
        # the cached TOKEN-2 serves until five minutes before it expires
        later = type(ctx)(runtime=None, cache=ctx.cache, now=ctx.now + dt.timedelta(seconds=7200 - 301), timeout=5)
        WecomChannel().send(_app(rx), _msg(message), later)
        assert rx.requests[-1].query["access_token"] == "TOKEN-2"
        expired = type(ctx)(runtime=None, cache=ctx.cache, now=ctx.now + dt.timedelta(seconds=7200 - 299), timeout=5)
        WecomChannel().send(_app(rx), _msg(message), expired)
        assert rx.requests[-2].path == "/cgi-bin/gettoken" and rx.requests[-1].query["access_token"] == "TOKEN-3"


def test_a_token_refused_twice_is_permanent(ctx, message):
    api = WecomApi(sends=[{"errcode": 40014, "errmsg": "invalid access_token"}])
    with Receiver(api.script()) as rx:
        with pytest.raises(PermanentError) as failed:
            WecomChannel().send(_app(rx), _msg(message), ctx)
    assert rx.paths().count("/cgi-bin/gettoken") == 2 and "40014" in str(failed.value)


def test_wrong_secret_is_permanent_and_never_shown(ctx, message):
    api = WecomApi()
    with Receiver(api.script()) as rx:
        with pytest.raises(PermanentError) as failed:
            WecomChannel().send(_app(rx, secret="wrong-secret-abc"), _msg(message), ctx)
    assert "40001" in str(failed.value) and "Secret" in str(failed.value) and "secret" in str(failed.value)
    assert "wrong-secret-abc" not in str(failed.value) + failed.value.answer and "***" in failed.value.answer
    assert rx.paths() == ["/cgi-bin/gettoken"]


@pytest.mark.parametrize("answer,error", [({"errcode": -1, "errmsg": "system busy"}, TransientError),
                                          ({"errcode": 45009, "errmsg": "api freq out of limit"}, TransientError),
                                          ({"errcode": 81013, "errmsg": "user & party & tag all invalid"}, PermanentError),
                                          ({"errcode": 0, "errmsg": "ok", "invaliduser": "LiLei"}, PermanentError)])
def test_app_send_errcodes(ctx, message, answer, error):
    with Receiver(WecomApi(sends=[answer]).script()) as rx:
        with pytest.raises(error) as failed:
            WecomChannel().send(_app(rx), _msg(message), ctx)
    assert ("LiLei" if answer["errcode"] == 0 else str(answer["errcode"])) in str(failed.value)


def test_http_failures_and_settings(ctx, message):
    with Receiver({"/cgi-bin/gettoken": lambda r: Answer.transient(502)}) as rx:
        with pytest.raises(TransientError):
            WecomChannel().send(_app(rx), _msg(message), ctx)
        with pytest.raises(PermanentError) as no_user:
            WecomChannel().send(_app(rx), _msg(message, to=None), ctx)
    assert "企业微信账号" in str(no_user.value)
    with pytest.raises(PermanentError) as missing:
        WecomChannel().send({"mode": "app", "corp_id": "ww1", "secret": "s3cr3t"}, _msg(message), ctx)
    assert "agent_id" in str(missing.value)
    with pytest.raises(PermanentError) as no_url:
        WecomChannel().send({"mode": "robot"}, _msg(message), ctx)
    assert "webhook_url" in str(no_url.value)


def test_long_content_is_cut_to_wecoms_limit(message):
    long = _msg(message, text="保证金" * 2000)
    assert len(content(long, "text").encode()) <= 2048 and content(long, "text").endswith("…")
    assert len(content(long, "markdown").encode()) <= 4096


def test_schema():
    import jsonschema
    schema = WecomChannel.config_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["secret"]["writeOnly"] and schema["properties"]["webhook_url"]["writeOnly"]
    jsonschema.validate({"mode": "robot", "webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"mode": "app", "corp_id": "ww1"}, schema)
