/**
 * A human step's (审批 / 办理 / 抄送) settings (and the 提交时发起审批 trigger's) in words, for its card on the canvas:
 * 「财务审批」交给 角色 财务 · 会签 · 时限 4 工作小时; a copy: 抄送 发起人的上级. Names come
 * from `words` (roles, fields and users as the app calls them, the texts in the UI's language).
 */
import { mayBeSeveral, sourcesOf, type ApproverSource } from "./approvers";
import type { FlowNode } from "./types";

export interface HumanWords {
  /** the flow designer's text `key` (namespace flows) with values */
  t: (key: string, values?: Record<string, unknown>) => string;
  role: (id: string) => string;
  field: (id: string) => string;
  user: (user: string | number) => string;
}

/** One source in words: 角色 财务, 发起人的第 2 级部门负责人, 表单中的「客户经理」... */
export function sourceWords(src: ApproverSource, w: HumanWords): string {
  switch (src.type) {
    case "user":
      return w.t("human.src.user", { name: src.user == null || src.user === "" ? "?" : w.user(src.user as string | number) });
    case "role":
      return w.t("human.src.role", { name: typeof src.role === "string" && src.role ? w.role(src.role) : "?" });
    case "department_head": {
      const n = typeof src.levels === "number" ? src.levels : 1;
      const whose = typeof src.of === "string" && src.of ? w.t("human.src.ofField", { name: w.field(src.of) }) : w.t("human.src.initiator");
      return n > 1 ? w.t("human.src.headN", { whose, n }) : w.t("human.src.head", { whose });
    }
    case "field":
      return w.t("human.src.field", { name: typeof src.field === "string" && src.field ? w.field(src.field) : "?" });
    default:
      return w.t(`human.src.${src.type}`);
  }
}

/** The people of a list of sources in words, or the warning that there are none. */
export function sourcesWords(value: unknown, w: HumanWords): string {
  const sources = sourcesOf(value);
  return sources.length ? sources.map((s) => sourceWords(s, w)).join(w.t("human.joiner")) : w.t("human.nobody");
}

/** The summary of an approval, handle or cc node (`label`: its name, put in front when given). */
export function humanSummary(node: FlowNode, w: HumanWords, label?: string): string {
  let text: string;
  if (node.type === "cc") {
    text = w.t("human.cc", { who: sourcesWords(node.recipients, w) });
  } else {
    const parts = [w.t("human.to", { who: sourcesWords(node.approvers, w) })];
    if (mayBeSeveral(sourcesOf(node.approvers))) parts.push(w.t(`human.modeShort.${String(node.mode ?? "any")}`));
    const sla = node.sla as { amount?: unknown; unit?: unknown } | undefined;
    if (sla && typeof sla.amount === "number" && typeof sla.unit === "string") {
      parts.push(w.t("human.slaShort", { amount: sla.amount, unit: w.t(`units.${sla.unit}`) }));
    }
    text = parts.join(" · ");
  }
  return label ? w.t("human.labelled", { label, text }) : text;
}

/** The 提交时发起审批 trigger in words: 状态写入「审批状态」 · 锁定 金额、客户 (null for another trigger). */
export function approvalWords(trigger: { type?: string; [k: string]: unknown } | undefined, w: HumanWords | undefined): string | null {
  if (!w || trigger?.type !== "submitted" || typeof trigger.status_field !== "string") return null;
  const parts = [w.t("human.statusTo", { name: w.field(trigger.status_field) })];
  if (trigger.on_create === false) parts.push(w.t("human.buttonOnly"));
  if (trigger.lock === "all") parts.push(w.t("human.lockAll"));
  else if (Array.isArray(trigger.lock) && trigger.lock.length) {
    parts.push(w.t("human.lockSome", { names: trigger.lock.map((f) => w.field(String(f))).join(w.t("human.joiner")) }));
  }
  return parts.join(" · ");
}
