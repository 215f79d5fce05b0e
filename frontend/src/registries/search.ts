/** Server-side look-ups shared by pickers and the filter builder: users and records of a form. */
import { api } from "../api/client";
import { metaCache } from "../api/cache";
import type { FieldDef } from "../api/types";
import type { Lang } from "../i18n";
import { rememberRecord, rememberUser } from "./entities";
import { displayText } from "./format";

export interface Choice {
  value: number;
  label: string;
}

export async function searchUsers(q: string): Promise<Choice[]> {
  const found = await api.users(q, 20);
  found.forEach(rememberUser);
  return found.map((u) => ({ value: u.id, label: u.title ? `${u.title} (${u.username})` : u.username }));
}

/** Records of a relation's target form matching `q`, labelled by its display field (else the title field). */
export async function searchRecords(app: string, field: FieldDef, q: string, lang: Lang): Promise<Choice[]> {
  const target = field.target ?? "";
  const def = await metaCache.form(app, target);
  const show = field.display_field || def.title_field;
  const shownField = def.fields.find((f) => f.id === show);
  const reply = await api.list(app, target, { q, limit: 20, fields: show ? [show] : undefined, count: "none" });
  return reply.items.map((row) => {
    const raw = show ? row[show] : undefined;
    const label = shownField && raw != null && raw !== "" ? displayText(shownField, raw, lang) : `#${row.id}`;
    rememberRecord(target, row.id, label);
    return { value: row.id, label };
  });
}
