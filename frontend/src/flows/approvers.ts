/**
 * Who a human step (审批 / 办理 / 抄送) goes to, as flows/approvers.py reads it: a list of
 * sources `{"type": kind, ...}`: a member (`user`: a username or id), a role of the app
 * (`role`), a department head N levels up (`department_head`: `levels`, `of`: a user field,
 * else the initiator's), a user field of the record (`field`), the initiator's manager
 * (`manager`), the initiator's own choice (`initiator_choice`). Also the human node types'
 * own keys and the words of their settings.
 */

export type ApproverKind = "user" | "role" | "department_head" | "field" | "manager" | "initiator_choice";
export type ApproverSource = { type: ApproverKind; [key: string]: unknown };

/** In the picker's order: the plain choices first. */
export const APPROVER_KINDS: ApproverKind[] = ["user", "role", "department_head", "field", "manager", "initiator_choice"];

/** The node types that give people tasks (their panel is HumanNodeForm). */
export const HUMAN_TYPES = new Set(["approval", "handle", "cc"]);

export const MODES = ["any", "all", "sequence"] as const;
export const EMPTY_POLICIES = ["skip", "approve", "admin"] as const;
export const RIGHTS = ["editable", "readonly", "hidden"] as const;
export type Right = (typeof RIGHTS)[number];
export const OVERDUE = ["notify_supervisor", "transfer", "approve", "reject"] as const;
/** SLA units in the order a person picks them (working time first). */
export const SLA_UNITS = ["working_hours", "business_days", "trading_days", "hours", "days", "minutes"];

export const isSource = (v: unknown): v is ApproverSource =>
  typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === "string";

/** A source of `kind` with nothing picked yet (one that needs nothing is complete). */
export function blankSource(kind: ApproverKind): ApproverSource {
  if (kind === "department_head") return { type: kind, levels: 1 };
  return { type: kind };
}

/** The sources of a node's setting (a list, else nothing). */
export function sourcesOf(value: unknown): ApproverSource[] {
  return Array.isArray(value) ? value.filter(isSource) : [];
}

/** Whether the sources may name more than one person (then 或签 / 会签 / 依次 matters). */
export function mayBeSeveral(sources: ApproverSource[]): boolean {
  if (sources.length !== 1) return sources.length > 1;
  const kind = sources[0].type;
  return kind === "role" || kind === "field" || kind === "initiator_choice";
}

/** The setting a node-level problem says is missing (the server's schema message "'approvers'
 * is a required property"), so it can be said in words and shown at its input. */
export function missingKey(p: { message?: unknown; code?: string }): string | null {
  const m = p.message;
  const text = typeof m === "string" ? m : m && typeof m === "object" ? String((m as { en?: string }).en ?? "") : "";
  return /'(\w+)' is a required property/.exec(text)?.[1] ?? null;
}

/** The approval statuses the engine writes to a `submitted` flow's status field, in their order
 * (flows/approval_status.py). */
export const STATUSES = ["pending", "approved", "rejected", "withdrawn", "returned"];

type OptionField = { id: string; options?: { value: string }[] | null };

/** Whether a select field offers every approval status. */
export const hasStatuses = (f: OptionField) => STATUSES.every((s) => f.options?.some((o) => o.value === s));

/** The field a new `submitted` flow takes as its status field: the first offering every status. */
export function statusFieldOf(fields: OptionField[]): string | undefined {
  return fields.find(hasStatuses)?.id;
}
