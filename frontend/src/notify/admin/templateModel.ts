/** A template definition (metadata/template.schema.json) as the editor's form holds it, and back:
 * per-channel variants are rows (channel + its own zh / en subject, body, html); empty texts are
 * left out of the saved body; what the editor does not show (schema_version, description) is kept. */
import type { Text } from "../../api/types";
import type { Template, Urgency, Variant } from "../types";

export const KEY_RE = /^[a-z][a-z0-9_]{0,40}$/;
export const URGENCIES: Urgency[] = ["high", "medium", "low"];
const PARTS = ["subject", "body", "html"] as const;
const EDITED = new Set(["id", "label", "form", "urgency", "subject", "body", "html", "channels"]);

export interface VariantRow {
  channel?: string;
  subject: Text;
  body: Text;
  html: Text;
}

export interface TemplateValues {
  id: string;
  label: Text;
  form: string | null;
  urgency: Urgency;
  subject: Text;
  body: Text;
  html: Text;
  variants: VariantRow[];
  /** the stored body's other members, saved back as they were */
  extra: Record<string, unknown>;
}

const text = (v: unknown): Text => {
  if (typeof v === "string") return { zh: v, en: v };
  const t = (v ?? {}) as Text;
  return { zh: t.zh ?? "", en: t.en ?? "" };
};

const filled = (s: string | undefined | null) => typeof s === "string" && s.trim() !== "";
const hasText = (t: Text | undefined) => Boolean(t && (filled(t.zh) || filled(t.en)));

/** A new template's starting values. */
export function emptyValues(id = ""): TemplateValues {
  return { id, label: { zh: "", en: "" }, form: null, urgency: "medium", subject: { zh: "", en: "" }, body: { zh: "", en: "" },
    html: { zh: "", en: "" }, variants: [], extra: { schema_version: 1 } };
}

/** The form's values from a stored template (missing parts empty). */
export function toValues(t: Partial<Template> | null | undefined, id: string): TemplateValues {
  const base = emptyValues(id);
  if (!t) return base;
  const extra: Record<string, unknown> = { schema_version: 1 };
  for (const [k, v] of Object.entries(t)) if (!EDITED.has(k)) extra[k] = v;
  return {
    id: t.id || id,
    label: text(t.label),
    form: t.form ?? null,
    urgency: URGENCIES.includes(t.urgency as Urgency) ? (t.urgency as Urgency) : "medium",
    subject: text(t.subject),
    body: text(t.body),
    html: text(t.html),
    variants: Object.entries(t.channels ?? {}).map(([channel, v]) => ({
      channel, subject: text(v?.subject), body: text(v?.body), html: text(v?.html),
    })),
    extra,
  };
}

/** The body to save: html only when a language has one, a form only when chosen, variants keyed
 * by channel with their non-empty parts only (a variant with none is dropped). */
export function toTemplate(v: TemplateValues): Template {
  const out: Template = {
    ...(v.extra ?? { schema_version: 1 }),
    id: v.id,
    label: text(v.label),
    urgency: v.urgency,
    subject: text(v.subject),
    body: text(v.body),
  };
  if (v.form) out.form = v.form;
  if (hasText(v.html)) out.html = text(v.html);
  const channels: Record<string, Variant> = {};
  for (const row of v.variants ?? []) {
    if (!row?.channel) continue;
    const part: Variant = {};
    for (const p of PARTS) if (hasText(row[p])) part[p] = text(row[p]);
    if (Object.keys(part).length) channels[row.channel] = part;
  }
  if (Object.keys(channels).length) out.channels = channels;
  return out;
}
