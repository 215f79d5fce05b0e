/**
 * The fields a report on a form may use, decided by each type's traits: the form's own
 * fields and the record's creation and change times and creator, then, for each relation to
 * another form, that form's fields one hop away (`introducing_broker.name`, labelled
 * "居间人 · 姓名"). Each says whether it can be a dimension, whether it is grouped by period
 * and which aggregates a measure of it may compute.
 */
import { fieldTraits } from "../api/fieldTypes";
import type { FieldDef, FormDef, Text } from "../api/types";
import { aggregatesFor, allowsPeriods, formatFor, groupable, type FieldChoice } from "./model";

/** The columns every record has that reports may use (reports/report_kind.py `_types`), by type. */
const SYSTEM: Record<string, { type: string; label: Text }> = {
  created_at: { type: "datetime", label: { zh: "创建时间", en: "Created at" } },
  updated_at: { type: "datetime", label: { zh: "修改时间", en: "Updated at" } },
  created_by: { type: "user", label: { zh: "创建人", en: "Created by" } },
};

export interface FieldGroup {
  /** the relation field (null: the form's own fields) */
  via: FieldDef | null;
  /** the related form's id */
  form: string;
  label: Text;
  fields: FieldChoice[];
}

function choice(f: FieldDef, path: string, label: Text, own: boolean): FieldChoice | null {
  const t = fieldTraits(f);
  const aggregates = aggregatesFor(t);
  const dimension = groupable(t);
  if (!aggregates.length && !dimension) return null;
  return { path, label, type: f.type, dimension, periods: allowsPeriods(t), aggregates, format: formatFor(t), own };
}

const joined = (a: Text | undefined, b: Text | undefined, ida: string, idb: string): Text => ({
  zh: `${a?.zh || a?.en || ida} · ${b?.zh || b?.en || idb}`,
  en: `${a?.en || a?.zh || ida} · ${b?.en || b?.zh || idb}`,
});

/** The relation fields of `form` pointing at another form (the forms one hop away). */
export function relationsOf(form: FormDef): FieldDef[] {
  return form.fields.filter((f) => !f.deleted && fieldTraits(f).references === "form" && typeof f.target === "string");
}

/** The groups of fields a report on `form` may use; `related` holds the forms its relations
 * point at (those the caller may read). */
export function fieldGroups(form: FormDef, related: Record<string, FormDef | undefined>): FieldGroup[] {
  const own: FieldChoice[] = [];
  for (const f of form.fields) {
    if (f.deleted) continue;
    const c = choice(f, f.id, f.label ?? { zh: f.id }, true);
    if (c) own.push(c);
  }
  for (const [id, sys] of Object.entries(SYSTEM)) {
    if (form.fields.some((f) => f.id === id)) continue;
    const c = choice({ id, type: sys.type, label: sys.label }, id, sys.label, true);
    if (c) own.push(c);
  }
  const groups: FieldGroup[] = [{ via: null, form: form.id, label: form.label ?? { zh: form.id }, fields: own }];
  for (const rel of relationsOf(form)) {
    const target = related[rel.target as string];
    if (!target) continue;
    const fields: FieldChoice[] = [];
    for (const f of target.fields) {
      if (f.deleted || fieldTraits(f).references === "form") continue; // one hop only
      const c = choice(f, `${rel.id}.${f.id}`, joined(rel.label, f.label, rel.id, f.id), false);
      if (c) fields.push(c);
    }
    if (fields.length) groups.push({ via: rel, form: target.id, label: rel.label ?? { zh: rel.id }, fields });
  }
  return groups;
}

/** Every field of `groups` by path. */
export function byPath(groups: FieldGroup[]): Map<string, FieldChoice> {
  return new Map(groups.flatMap((g) => g.fields.map((f) => [f.path, f] as const)));
}

/** Whether `choice` matches the typed search `q` (by either label or its path). */
export function matches(choice: FieldChoice, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [choice.path, choice.label.zh, choice.label.en].some((s) => s?.toLowerCase().includes(needle));
}
