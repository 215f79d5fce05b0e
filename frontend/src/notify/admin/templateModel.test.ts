/** A template definition to the editor's values and back: nothing is lost, empty texts are left out. */
import { describe, expect, it } from "vitest";
import { emptyValues, KEY_RE, toTemplate, toValues } from "./templateModel";

describe("template values", () => {
  it("round-trips a stored template, keeping what the editor does not show", () => {
    const stored = {
      schema_version: 1, id: "margin_call", label: { zh: "追加保证金通知", en: "Margin call" },
      description: { zh: "说明", en: "About" }, form: "client", urgency: "high" as const,
      subject: { zh: "追加保证金", en: "Margin call" },
      body: { zh: "{{ record.name }}您好", en: "Dear {{ record.name }}" },
      channels: { sms: { body: { zh: "【期货】{{ record.name }}", en: "" } } },
    };
    const values = toValues(stored, "margin_call");
    expect(values.variants).toEqual([{ channel: "sms", subject: { zh: "", en: "" }, body: { zh: "【期货】{{ record.name }}", en: "" },
      html: { zh: "", en: "" } }]);
    expect(toTemplate(values)).toEqual(stored);
  });

  it("a new template carries the schema version and no form until one is chosen", () => {
    const v = emptyValues("t1");
    v.subject = { zh: "标题", en: "Title" };
    const t = toTemplate(v);
    expect(t.schema_version).toBe(1);
    expect("form" in t).toBe(false);
    expect("html" in t).toBe(false);
  });

  it("leaves out empty variants and empty parts of a variant", () => {
    const v = emptyValues("t1");
    const none = { zh: "", en: "" };
    v.variants = [
      { channel: "sms", subject: { zh: " ", en: "" }, body: none, html: none },
      { channel: "", subject: none, body: { zh: "x" }, html: none },
      { channel: "email", subject: none, body: none, html: { zh: "<b>x</b>", en: "" } },
    ];
    expect(toTemplate(v).channels).toEqual({ email: { html: { zh: "<b>x</b>", en: "" } } });
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
