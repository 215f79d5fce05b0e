import { describe, expect, it } from "vitest";
import { emptyValues, KEY_RE, toTemplate, toValues } from "./templateModel";

describe("template values", () => {
  it("round-trips a stored template", () => {
    const stored = {
      id: "deposit_big", label: { zh: "大额入金", en: "Big deposit" }, form: "deposit", urgency: "high" as const,
      subject: { zh: "{{ record.client }} 入金", en: "Deposit by {{ record.client }}" },
      body: { zh: "金额 {{ record.amount }}", en: "Amount {{ record.amount }}" },
      channels: { sms: { body: "入金 {{ record.amount }}" } },
    };
    const values = toValues(stored, "deposit_big");
    expect(values.variants).toEqual([{ channel: "sms", subject: "", body: "入金 {{ record.amount }}", html: "" }]);
    expect(toTemplate(values)).toEqual(stored);
  });

  it("leaves out empty html and empty variants", () => {
    const v = emptyValues("t1");
    v.subject = { zh: "标题", en: "Title" };
    v.variants = [{ channel: "sms", subject: " ", body: "" }, { channel: "", body: "x" }, { channel: "email", html: "<b>x</b>" }];
    const t = toTemplate(v);
    expect("html" in t).toBe(false);
    expect(t.channels).toEqual({ email: { html: "<b>x</b>" } });
    expect(t.form).toBeNull();
  });

  it("fills what a stored body lacks", () => {
    const v = toValues({ id: "x", subject: "同一标题" } as never, "x");
    expect(v.subject).toEqual({ zh: "同一标题", en: "同一标题" });
    expect(v.body).toEqual({ zh: "", en: "" });
    expect(v.urgency).toBe("medium");
  });

  it("checks keys", () => {
    expect(KEY_RE.test("deposit_big")).toBe(true);
    expect(KEY_RE.test("Deposit")).toBe(false);
    expect(KEY_RE.test("1x")).toBe(false);
  });
});
