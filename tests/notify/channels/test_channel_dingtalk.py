"""The DingTalk channel against a real HTTP stand-in of the DingTalk API on loopback: the
group robot's signature recomputed by the receiver as DingTalk does (a wrong secret is
refused), its payloads, and for work notifications the access token kept across sends and
fetched again after a 42001 answer; errcodes classified; secrets never shown."""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import time

import pytest
from notify.receiver import Answer, Receiver

from trellis.notify.errors import PermanentError, TransientError
from trellis_dingtalk import DingtalkChannel

ROBOT_SECRET = "SEC2b8a3f0d1e9c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3"
APP_SECRET = "dt-app-secret-9QwE"


def _msg(message, **over):
    values = dict(channel="dingtalk", channel_type="dingtalk", to="manager0921", key="m42:user:7:dingtalk")
    values.update(over)
    return message(**values)


def robot(secret: str):
    """DingTalk's robot check: the sign over the timestamp with the robot's secret, and a
    timestamp within an hour."""
    def answer(request):
        timestamp = request.query.get("timestamp", "")
        expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(),
                                             hashlib.sha256).digest()).decode()
        fresh = timestamp.isdigit() and abs(int(timestamp) / 1000 - time.time()) < 3600
        if not fresh or not hmac.compare_digest(expected, request.query.get("sign", "")):
            return Answer.json({"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/doc]"})
        return Answer.json({"errcode": 0, "errmsg": "ok"})
    return answer


def _robot_config(rx, **over):
    config = {"mode": "robot", "webhook_url": rx.url("/robot/send?access_token=robot-token-4f1e"), "secret": ROBOT_SECRET}
    config.update(over)
    return config


def test_signed_robot_text_is_accepted(ctx, message):
    with Receiver(robot(ROBOT_SECRET)) as rx:
        sent = DingtalkChannel().send(_robot_config(rx, at_mobiles=["13800138000"]), _msg(message, to=None), ctx)
    request, = rx.requests
    assert request.path == "/robot/send" and request.query["access_token"] == "robot-token-4f1e"
    assert int(request.query["timestamp"]) == int(ctx.now.timestamp() * 1000)
    assert request.json == {"msgtype": "text", "text": {"content": "保证金追加通知 Margin call\n客户张三的保证金不足,请尽快处理。\n"
                                                               "Margin is short.\nhttps://trellis.example.cn/apps/crm/client/12"},
                            "at": {"atMobiles": ["13800138000"], "isAtAll": False}}
    assert "errcode" in sent.answer
    # the sign travels URL-encoded: the "=" padding of its base64 escaped
    assert request.target.split("sign=")[1].endswith("%3D")
    assert DingtalkChannel.address_for({"mode": "robot"}) is None


def test_a_wrong_secret_is_refused_and_not_shown(ctx, message):
    with Receiver(robot(ROBOT_SECRET)) as rx:
        with pytest.raises(PermanentError) as refused:
            DingtalkChannel().send(_robot_config(rx, secret="SECwrong0000"), _msg(message), ctx)
        with pytest.raises(PermanentError):
            DingtalkChannel().send(_robot_config(rx, secret=None), _msg(message), ctx)   # unsigned
    assert "310000" in str(refused.value) and "钉钉拒绝" in str(refused.value) and "DingTalk refused" in str(refused.value)
    assert "SECwrong0000" not in str(refused.value) + refused.value.answer
    assert "robot-token-4f1e" not in str(refused.value) + refused.value.answer
    assert "timestamp" not in rx.requests[1].query


def test_robot_markdown_and_errcodes(ctx, message):
    with Receiver([Answer.json({"errcode": 0}), Answer.json({"errcode": 130101, "errmsg": "send too fast"}),
                   Answer.json({"errcode": 300001, "errmsg": "token is not exist"})]) as rx:
        DingtalkChannel().send(_robot_config(rx, msgtype="markdown", at_all=True), _msg(message), ctx)
        with pytest.raises(TransientError):
            DingtalkChannel().send(_robot_config(rx), _msg(message), ctx)
        with pytest.raises(PermanentError):
            DingtalkChannel().send(_robot_config(rx), _msg(message), ctx)
    body = rx.requests[0].json
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == "保证金追加通知 Margin call"
    assert body["markdown"]["text"].startswith("### 保证金追加通知 Margin call\n\n")
    assert body["at"] == {"atMobiles": [], "isAtAll": True}


class DingtalkApi:
    def __init__(self, sends):
        self.numbers = itertools.count(1)
        self.sends = list(sends)
        self.sent = 0

    def gettoken(self, request):
        if request.query.get("appsecret") != APP_SECRET:
            return Answer.json({"errcode": 40089, "errmsg": f"不合法的corpid或corpsecret {request.query.get('appsecret')}"})
        return Answer.json({"errcode": 0, "errmsg": "ok", "access_token": f"DT-{next(self.numbers)}", "expires_in": 7200})

    def send(self, request):
        answer = self.sends[min(self.sent, len(self.sends) - 1)]
        self.sent += 1
        return Answer.json(answer)

    def script(self):
        return {"/gettoken": self.gettoken, "/topapi/message/corpconversation/asyncsend_v2": self.send}


def _work(rx, **over):
    config = {"mode": "work", "app_key": "dingoa1b2c3", "app_secret": APP_SECRET, "agent_id": 2859312345,
              "api_base": rx.url("/")}
    config.update(over)
    return config


def test_work_notification_token_kept_and_refreshed_after_42001(ctx, message):
    ok = {"errcode": 0, "errmsg": "ok", "task_id": 256271667526, "request_id": "4jzllmte0wau"}
    api = DingtalkApi([ok, ok, {"errcode": 42001, "errmsg": "access_token expired"}, ok])
    with Receiver(api.script()) as rx:
        sent = DingtalkChannel().send(_work(rx), _msg(message), ctx)
        DingtalkChannel().send(_work(rx, msgtype="markdown"), _msg(message, to="sales01"), ctx)
        DingtalkChannel().send(_work(rx), _msg(message), ctx)
    send = "/topapi/message/corpconversation/asyncsend_v2"
    assert rx.paths() == ["/gettoken", send, send, send, "/gettoken", send]
    assert rx.requests[0].query == {"appkey": "dingoa1b2c3", "appsecret": APP_SECRET}
    assert [r.query.get("access_token") for r in rx.requests if r.path == send] == ["DT-1", "DT-1", "DT-1", "DT-2"]
    first, second = rx.requests[1].json, rx.requests[2].json
    assert first == {"agent_id": 2859312345, "userid_list": "manager0921",
                     "msg": {"msgtype": "text", "text": {"content": "保证金追加通知 Margin call\n客户张三的保证金不足,请尽快处理。\n"
                                                                   "Margin is short.\nhttps://trellis.example.cn/apps/crm/client/12"}}}
    assert second["userid_list"] == "sales01" and second["msg"]["msgtype"] == "markdown"
    assert sent.provider_id == "256271667526" and "DT-1" not in sent.answer


@pytest.mark.parametrize("answer,error", [({"errcode": -1, "errmsg": "系统繁忙"}, TransientError),
                                          ({"errcode": 90018, "errmsg": "qps limit"}, TransientError),
                                          ({"errcode": 33012, "errmsg": "无效的userid"}, PermanentError)])
def test_work_errcodes(ctx, message, answer, error):
    with Receiver(DingtalkApi([answer]).script()) as rx:
        with pytest.raises(error) as failed:
            DingtalkChannel().send(_work(rx), _msg(message), ctx)
    assert str(answer["errcode"]) in str(failed.value)


def test_work_wrong_secret_is_permanent_and_not_shown(ctx, message):
    with Receiver(DingtalkApi([]).script()) as rx:
        with pytest.raises(PermanentError) as failed:
            DingtalkChannel().send(_work(rx, app_secret="not-the-app-secret"), _msg(message), ctx)
        with pytest.raises(PermanentError) as no_user:
            DingtalkChannel().send(_work(rx), _msg(message, to=None), ctx)
    assert "40089" in str(failed.value) and "AppSecret" in str(failed.value)
    assert "not-the-app-secret" not in str(failed.value) + failed.value.answer
    assert "钉钉账号" in str(no_user.value)


def test_schema():
    import jsonschema
    schema = DingtalkChannel.config_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["secret"]["writeOnly"] and schema["properties"]["app_secret"]["writeOnly"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"mode": "work", "app_key": "k"}, schema)
