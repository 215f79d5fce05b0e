/** A template definition as the editor's form holds it, and back: per-channel variants are rows
 * (channel + its own subject / body / html), empty texts are left out of the saved body. */
import type { Text } from "../../api/types";
import type { Template, Urgency, Variant } from "../types";

export const KEY_RE = /^[a-z][a-z0-9_]{0,63}$/;
export const URGENCIES: Urgency[] = ["high", "medium", "low"];

export interface VariantRow extends Variant {
  channel?: string;
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
}

const text = (v: unknown): Text => {
  if (typeof v === "string") return { zh: v, en: v };
  const t = (v ?? {}) as Text;
  return { zh: t.zh ?? "", en: t.en ?? "" };
};

/** A new template's starting values. */
export function emptyValues(id = ""): TemplateValues {
  return { id, label: { zh: "", en: "" }, form: null, urgency: "medium", subject: { zh: "", en: "" }, body: { zh: "", en: "" },
    html: { zh: "", en: "" }, variants: [] };
}

/** The form's values from a stored template (missing parts empty). */
export function toValues(t: Partial<Template> | null | undefined, id: string): TemplateValues {
  const base = emptyValues(id);
  if (!t) return base;
  return {
    id: t.id || id,
    label: text(t.label),
    form: t.form ?? null,
    urgency: URGENCIES.includes(t.urgency as Urgency) ? (t.urgency as Urgency) : "medium",
    subject: text(t.subject),
    body: text(t.body),
    html: text(t.html),
    variants: Object.entries(t.channels ?? {}).map(([channel, v]) => ({ channel, subject: v?.subject ?? "", body: v?.body ?? "",
      html: v?.html ?? "" })),
  };
}

const filled = (s: string | undefined | null) => typeof s === "string" && s.trim() !== "";

/** The body to save: html only when a language has one, variants keyed by channel with their
 * non-empty parts only (a variant with none is dropped). */
export function toTemplate(v: TemplateValues): Template {
  const out: Template = {
    id: v.id,
    label: text(v.label),
    form: v.form || null,
    urgency: v.urgency,
    subject: text(v.subject),
    body: text(v.body),
  };
  const html = text(v.html);
  if (filled(html.zh) || filled(html.en)) out.html = html;
  const channels: Record<string, Variant> = {};
  for (const row of v.variants ?? []) {
    if (!row?.channel) continue;
    const part: Variant = {};
    if (filled(row.subject)) part.subject = row.subject;
    if (filled(row.body)) part.body = row.body;
    if (filled(row.html)) part.html = row.html;
    if (Object.keys(part).length) channels[row.channel] = part;
  }
  if (Object.keys(channels).length) out.channels = channels;
  return out;
}
