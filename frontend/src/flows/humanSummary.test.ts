import { describe, expect, it } from "vitest";
import { approvalWords, humanSummary, sourcesWords, type HumanWords } from "./humanSummary";
import en from "./locales/en";
import zh from "./locales/zh";

/** `t` over a locale object, with {{name}} values, as i18next reads it. */
function words(texts: object): HumanWords {
  const t = (key: string, values: Record<string, unknown> = {}) => {
    const found = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], texts);
    if (typeof found !== "string") return key;
    return found.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ""));
  };
  const roles: Record<string, string> = { finance: "财务", risk_control: "风控" };
  const fields: Record<string, string> = { account_manager: "客户经理" };
  return { t, role: (id) => roles[id] ?? id, field: (id) => fields[id] ?? id, user: (u) => (u === "fin01" ? "钱多多 (fin01)" : String(u)) };
}

const ZH = words(zh);
const EN = words(en);

describe("a human step's summary on the canvas", () => {
  it("names who, how several decide and the time limit", () => {
    const node = { id: "n1", type: "approval", label: { zh: "财务审批" }, approvers: [{ type: "role", role: "finance" }],
      mode: "all", sla: { amount: 4, unit: "working_hours" } };
    expect(humanSummary(node, ZH, "财务审批")).toBe("「财务审批」交给 角色 财务 · 会签 · 时限 4 工作小时");
    expect(humanSummary(node, ZH)).toBe("交给 角色 财务 · 会签 · 时限 4 工作小时");
    expect(humanSummary(node, EN, "Finance approval")).toBe("“Finance approval” goes to role 财务 · all sign · time limit 4 working hours");
  });

  it("leaves out the way several decide when one person is named", () => {
    const node = { id: "n2", type: "approval", approvers: [{ type: "manager" }], mode: "any" };
    expect(humanSummary(node, ZH)).toBe("交给 发起人的上级");
    const user = { id: "n3", type: "handle", approvers: [{ type: "user", user: "fin01" }], sla: { amount: 1, unit: "business_days" } };
    expect(humanSummary(user, ZH)).toBe("交给 成员 钱多多 (fin01) · 时限 1 个工作日");
  });

  it("reads every kind of source", () => {
    expect(sourcesWords([{ type: "department_head", levels: 1 }, { type: "department_head", levels: 2, of: "account_manager" },
      { type: "field", field: "account_manager" }, { type: "initiator_choice" }], ZH))
      .toBe("发起人的部门负责人、「客户经理」的第 2 级部门负责人、表单中的「客户经理」、发起人自选");
    expect(sourcesWords([{ type: "department_head", levels: 3 }], EN)).toBe("the department head 3 levels above the initiator");
    expect(sourcesWords([{ type: "role" }], ZH)).toBe("角色 ?");
  });

  it("says when nobody is chosen, and what a copy does", () => {
    expect(humanSummary({ id: "n4", type: "approval", mode: "sequence" }, ZH)).toBe("交给 未设置处理人");
    expect(humanSummary({ id: "c", type: "cc", recipients: [{ type: "role", role: "risk_control" }, { type: "manager" }] }, ZH))
      .toBe("抄送 角色 风控、发起人的上级");
    expect(humanSummary({ id: "c", type: "cc", recipients: [{ type: "manager" }] }, EN)).toBe("copy to the initiator's manager");
    expect(humanSummary({ id: "n5", type: "approval", approvers: [{ type: "role", role: "finance" }], mode: "sequence" }, EN))
      .toBe("goes to role 财务 · in turn");
  });
});

describe("the 提交时发起审批 trigger on the start card", () => {
  it("says where the status goes and what it locks", () => {
    expect(approvalWords({ type: "submitted", status_field: "status", lock: ["account_manager"] }, ZH)).toBe("状态写入「status」 · 锁定 客户经理");
    expect(approvalWords({ type: "submitted", status_field: "status", lock: "all" }, EN)).toBe("status in “status” · locks every field");
    expect(approvalWords({ type: "submitted", status_field: "status", on_create: false }, ZH)).toBe("状态写入「status」 · 点“提交审批”时发起");
    expect(approvalWords({ type: "record_created" }, ZH)).toBeNull();
  });
});
