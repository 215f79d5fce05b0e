"""The SMS channel against a real HTTP gateway stand-in on loopback, configured with the
two request shapes documented in plugins/README.md (Aliyun SendSms and Tencent Cloud
SendSms, through a signing proxy): URL, method, headers and body as received, the
idempotency key in OutId / SessionContext, and success / retry / refusal read from the
answer the way each gateway answers."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from notify.receiver import Answer, Receiver

from trellis.notify.errors import PermanentError, TransientError
from trellis_sms import SmsChannel

TOKEN = "Bearer sms-proxy-token-7f3a"
README = Path(__file__).resolve().parents[3] / "plugins" / "README.md"


def readme_config(name: str, url: str) -> dict:
    """The example configuration `name` ("aliyun" / "tencent") as documented in the README."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- sms-example: " + name + r" -->\s*```json\n(.*?)```", text, re.S)
    assert block, f"README has no sms example {name}"
    config = json.loads(block.group(1))
    config["url"] = url
    config["secret_headers"] = {"Authorization": TOKEN}
    return config


def _sms(message, **over):
    values = dict(channel="sms", channel_type="sms", to="13800138000", key="m42:user:7:sms",
                  text="您的保证金不足,请尽快追加。")
    values.update(over)
    return message(**values)


def test_aliyun_shape_form_post(ctx, message):
    answer = {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "F655A8D5"}
    with Receiver([Answer.json(answer)]) as rx:
        config = readme_config("aliyun", rx.url("/aliyun/sms"))
        sent = SmsChannel().send(config, _sms(message), ctx)
    request, = rx.requests
    assert request.method == "POST" and request.path == "/aliyun/sms"
    assert request.header("Content-Type").startswith("application/x-www-form-urlencoded")
    assert request.header("Authorization") == TOKEN and request.header("Idempotency-Key") == "m42:user:7:sms"
    form = request.form
    assert form["PhoneNumbers"] == "13800138000" and form["SignName"] == "恒信期货"
    assert form["TemplateCode"] == "SMS_468230017" and form["OutId"] == "m42:user:7:sms"
    assert json.loads(form["TemplateParam"]) == {"customer": "李雷", "text": "您的保证金不足,请尽快追加。"}
    assert sent.provider_id == "900619746936498440^0" and '"Code": "OK"' in sent.answer


def test_tencent_shape_json_post(ctx, message):
    answer = {"Response": {"SendStatusSet": [{"SerialNo": "5000:1045710669157053657849499619", "PhoneNumber": "+8613800138000",
                                              "Fee": 1, "SessionContext": "m42:user:7:sms", "Code": "Ok",
                                              "Message": "send success", "IsoCode": "CN"}], "RequestId": "a0aabda6"}}
    with Receiver([Answer.json(answer)]) as rx:
        config = readme_config("tencent", rx.url("/tencent/sms"))
        sent = SmsChannel().send(config, _sms(message, event="margin_call"), ctx)
    request, = rx.requests
    assert request.header("Content-Type") == "application/json; charset=utf-8"
    assert request.json == {"PhoneNumberSet": ["+8613800138000"], "SmsSdkAppId": "1400787878", "SignName": "恒信期货",
                            "TemplateId": "1796245", "TemplateParamSet": ["李雷", "您的保证金不足,请尽快追加。"],
                            "SessionContext": "m42:user:7:sms"}
    assert sent.provider_id == "5000:1045710669157053657849499619"
    assert rx.keys == {"m42:user:7:sms": 1}


@pytest.mark.parametrize("code,error", [("OK", None), ("isv.BUSINESS_LIMIT_CONTROL", TransientError),
                                        ("isv.MOBILE_NUMBER_ILLEGAL", PermanentError),
                                        ("isv.SMS_TEMPLATE_ILLEGAL", PermanentError)])
def test_aliyun_answers_are_classified(ctx, message, code, error):
    with Receiver([Answer.json({"Code": code, "Message": "…", "RequestId": "r1"})]) as rx:
        config = readme_config("aliyun", rx.url("/aliyun/sms"))
        if error is None:
            SmsChannel().send(config, _sms(message), ctx)
        else:
            with pytest.raises(error) as failed:
                SmsChannel().send(config, _sms(message), ctx)
            assert f"Code={code}" in str(failed.value) and code in failed.value.answer


@pytest.mark.parametrize("code,error", [("LimitExceeded.PhoneNumberThirtySecondLimit", TransientError),
                                        ("InvalidParameterValue.IncorrectPhoneNumber", PermanentError)])
def test_tencent_answers_are_classified(ctx, message, code, error):
    answer = {"Response": {"SendStatusSet": [{"Code": code, "Message": "…"}], "RequestId": "r2"}}
    with Receiver([Answer.json(answer)]) as rx:
        with pytest.raises(error) as failed:
            SmsChannel().send(readme_config("tencent", rx.url("/t")), _sms(message), ctx)
    assert "短信网关" in str(failed.value) and "SMS gateway" in str(failed.value)


@pytest.mark.parametrize("status,error", [(500, TransientError), (502, TransientError), (503, TransientError),
                                          (429, TransientError), (408, TransientError), (400, PermanentError),
                                          (401, PermanentError), (403, PermanentError), (404, PermanentError)])
def test_http_statuses_are_classified_and_the_token_never_shows(ctx, message, status, error):
    def echo(request):  # a gateway that echoes the request headers in its error
        return Answer(status, {"error": "nope", "got": request.header("Authorization")})
    with Receiver(echo) as rx:
        with pytest.raises(error) as failed:
            SmsChannel().send(readme_config("aliyun", rx.url("/a")), _sms(message), ctx)
    assert f"HTTP {status}" in str(failed.value)
    assert "sms-proxy-token" not in str(failed.value) + failed.value.answer and "***" in failed.value.answer


def test_get_with_query_parameters_and_no_success_rule(ctx, message):
    config = {"method": "GET", "headers": {"X-Api-Key": "k"},
              "body": '{"to": {{ mobile|tojson }}, "msg": {{ (subject ~ ":" ~ text)|tojson }}, "id": {{ key|tojson }}}'}
    with Receiver() as rx:
        config["url"] = rx.url("/send?account=crm")
        sent = SmsChannel().send(config, _sms(message), ctx)
    request, = rx.requests
    assert request.method == "GET" and request.body == b""
    assert request.query == {"account": "crm", "to": "13800138000", "msg": "保证金追加通知 Margin call:您的保证金不足,请尽快追加。",
                             "id": "m42:user:7:sms"}
    assert sent.answer == '{"ok": true}'


def test_default_body_and_a_retry_counted_once(ctx, message):
    with Receiver([Answer.transient(503), Answer.ok()]) as rx:
        config = {"url": rx.url("/sms")}
        with pytest.raises(TransientError):
            SmsChannel().send(config, _sms(message), ctx)
        SmsChannel().send(config, _sms(message), ctx)
    assert [r.json for r in rx.requests] == [{"mobile": "13800138000", "text": "您的保证金不足,请尽快追加。",
                                              "key": "m42:user:7:sms"}] * 2
    assert rx.distinct_keys == 1


def test_template_and_setting_errors_are_permanent_and_named(ctx, message):
    with Receiver() as rx:
        with pytest.raises(PermanentError) as syntax:
            SmsChannel().send({"url": rx.url("/"), "body": '{"a": {{ mobile|tojson }'}, _sms(message), ctx)
        with pytest.raises(PermanentError) as not_json:
            SmsChannel().send({"url": rx.url("/"), "body": '{"a": {{ mobile }}}'}, _sms(message, to="+86 138"), ctx)
        with pytest.raises(PermanentError) as param:
            SmsChannel().send({"url": rx.url("/"), "params": {"code": "{{ text"}}, _sms(message), ctx)
        with pytest.raises(PermanentError) as no_mobile:
            SmsChannel().send({"url": rx.url("/")}, _sms(message, to=None), ctx)
        with pytest.raises(PermanentError) as not_object:
            SmsChannel().send({"url": rx.url("/"), "body": "[1, 2]"}, _sms(message), ctx)
        with pytest.raises(PermanentError) as not_read:
            SmsChannel().send({"url": rx.url("/"), "success_path": "Code", "success_values": ["OK"]}, _sms(message), ctx)
    assert "body" in str(syntax.value) and "line 1" in str(syntax.value)
    assert "JSON" in str(not_json.value)
    assert "params.code" in str(param.value)
    assert "手机号" in str(no_mobile.value) and "mobile" in str(no_mobile.value)
    assert "JSON object" in str(not_object.value)
    assert "Code=" in str(not_read.value)      # {"ok": true} has no Code: refused, not taken as sent
    assert len(rx.requests) == 1               # only the last one reached the gateway


def test_schema():
    schema = SmsChannel.config_schema
    assert schema["properties"]["secret_headers"]["writeOnly"] is True and schema["required"] == ["url"]
    assert SmsChannel.address == "mobile"
    import jsonschema
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in ("aliyun", "tencent"):
        jsonschema.validate(readme_config(name, "https://sms-proxy.example.cn/send"), schema)
