/** A channel type's config_schema as form fields, and the config sent back: secrets never prefilled, an empty one left out. */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../api/types";
import { configBody, fieldOfError, initialValues, schemaFields } from "./schemaFields";

const SMTP: JsonSchema = {
  type: "object",
  required: ["host", "password", "sender"],
  properties: {
    host: { type: "string", title: { zh: "服务器", en: "Server" } as unknown as string },
    port: { type: "integer", minimum: 1, maximum: 65535, default: 587 },
    security: { type: "string", enum: ["starttls", "ssl", "none"] },
    username: { type: "string" },
    password: { type: "string", writeOnly: true },
    sender: { type: "string", format: "email", description: "From" },
    verify: { type: "boolean" },
    headers: { type: "object", additionalProperties: { type: "string" } },
    token: { type: ["string", "null"], writeOnly: true },
    secret_headers: { type: "object", additionalProperties: { type: "string" }, writeOnly: true, title: "保密请求头 / Secret headers" },
    note: { type: "string", description: "默认 25 / 587 / 465 (by security)" },
  },
};

describe("schemaFields", () => {
  it("maps each property to an input, in order", () => {
    const fields = schemaFields(SMTP);
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ["host", "string"], ["port", "int"], ["security", "choice"], ["username", "string"], ["password", "password"],
      ["sender", "string"], ["verify", "bool"], ["headers", "map"], ["token", "password"], ["secret_headers", "map"],
      ["note", "string"],
    ]);
    expect(fields[9]).toMatchObject({ secret: true, label: { zh: "保密请求头", en: "Secret headers" } });
    expect(fields[10].help).toBe("默认 25 / 587 / 465 (by security)");
    expect(fields[0].label).toEqual({ zh: "服务器", en: "Server" });
    expect(fields[1]).toMatchObject({ min: 1, max: 65535, defaultValue: 587, required: false });
    expect(fields[2].options?.map((o) => o.value)).toEqual(["starttls", "ssl", "none"]);
    expect(fields[5].help).toBe("From");
  });

  it("a stored secret is shown as set and may be left empty; an unset required one is required", () => {
    const stored = schemaFields(SMTP, ["password"]).find((f) => f.name === "password")!;
    expect(stored).toMatchObject({ secret: true, secretSet: true, required: false });
    const unset = schemaFields(SMTP, []).find((f) => f.name === "password")!;
    expect(unset).toMatchObject({ secret: true, secretSet: false, required: true });
  });

  it("reads an empty or missing schema as no fields", () => {
    expect(schemaFields(undefined)).toEqual([]);
    expect(schemaFields({ type: "object" })).toEqual([]);
  });
});

describe("initialValues", () => {
  it("never prefills a secret, even when the config carries one", () => {
    const fields = schemaFields(SMTP, ["password", "token"]);
    const values = initialValues(fields, { host: "smtp.example.cn", password: "leaked", token: "t", headers: { "X-A": "1" },
      secret_headers: { Authorization: "Bearer x" } });
    expect(values).toEqual({ host: "smtp.example.cn", port: 587, headers: [{ key: "X-A", value: "1" }] });
    expect("password" in values).toBe(false);
    expect("token" in values).toBe(false);
  });

  it("starts a new channel from the schema's defaults", () => {
    expect(initialValues(schemaFields(SMTP), null)).toEqual({ port: 587 });
  });
});

describe("configBody", () => {
  const fields = schemaFields(SMTP, ["password"]);

  it("leaves an empty secret out so the stored one is kept", () => {
    const body = configBody(fields, { host: "h", port: 25, password: "", token: undefined, sender: "a@b.cn", secret_headers: [] });
    expect(body).toEqual({ host: "h", port: 25, sender: "a@b.cn" });
    expect("password" in body).toBe(false);
    expect("token" in body).toBe(false);
    expect("secret_headers" in body).toBe(false);
  });

  it("sends a secret that was typed", () => {
    expect(configBody(fields, { password: "s3cret" })).toEqual({ password: "s3cret" });
    expect(configBody(fields, { secret_headers: [{ key: "Authorization", value: "Bearer y" }] }))
      .toEqual({ secret_headers: { Authorization: "Bearer y" } });
  });

  it("turns key/value rows into an object and numbers into numbers", () => {
    const body = configBody(fields, {
      port: "2525", verify: false, headers: [{ key: "X-A", value: "1" }, { key: " ", value: "skip" }, { key: "X-B" }],
    });
    expect(body).toEqual({ port: 2525, verify: false, headers: { "X-A": "1", "X-B": "" } });
  });

  it("leaves blank optional values out", () => {
    expect(configBody(fields, { username: "  ", security: undefined, port: null })).toEqual({});
  });
});

describe("fieldOfError", () => {
  const fields = schemaFields(SMTP);
  it("finds the config field a 422 names", () => {
    expect(fieldOfError(fields, "config.port")).toBe("port");
    expect(fieldOfError(fields, "/config/host")).toBe("host");
    expect(fieldOfError(fields, "sender")).toBe("sender");
    expect(fieldOfError(fields, "config.nope")).toBeNull();
    expect(fieldOfError(fields, undefined)).toBeNull();
  });
});
