/**
 * Pure edits of a form definition. Each takes a definition whose layout is normalized
 * (see layout.ts) and returns a new one; the input is never changed.
 */
import { fieldIdFromLabel } from './autoId';
import { defaultLabel, newField } from './defaults';
import { clampColumns, locate, newSection, normalizeLayout } from './layout';
import { renameVar } from './logicVars';
import { CONDITION_KEYS } from './types';
import type { FieldDef, FieldTypeInfo, FormDefinition, LayoutSection, Text } from './types';

/** Keys every field type has (the rest come from the type's config schema). */
export const COMMON_KEYS = [
  'id', 'type', 'label', 'help', 'placeholder', 'required', 'unique', 'indexed', 'default',
  'hidden', 'deleted', 'readonly', 'visible_if', 'required_if', 'readonly_if',
];

/** `obj` with `patch` applied; a key patched to undefined is removed. */
export function applyPatch<T extends object>(obj: T, patch: Partial<T>): T {
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

/** The definition with its layout normalized. */
export function withLayout(def: FormDefinition): FormDefinition {
  return { ...def, fields: def.fields ?? [], layout: normalizeLayout({ ...def, fields: def.fields ?? [] }) };
}

function layoutOf(def: FormDefinition): LayoutSection[] {
  return def.layout ?? normalizeLayout(def);
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(length, Number.isFinite(index) ? index : length));
}

/** Insert `id` in section `section` at `index` (end when out of range). */
function placeInLayout(layout: LayoutSection[], id: string, section: number, index: number): LayoutSection[] {
  const s = Math.max(0, Math.min(layout.length - 1, section));
  return layout.map((sec, i) => {
    if (i !== s) return sec;
    const fields = [...sec.fields];
    fields.splice(clampIndex(index, fields.length), 0, id);
    return { ...sec, fields };
  });
}

function dropFromLayout(layout: LayoutSection[], id: string): LayoutSection[] {
  return layout.map((sec) => (sec.fields.includes(id) ? { ...sec, fields: sec.fields.filter((f) => f !== id) } : sec));
}

/**
 * Add a new field of `type` at (`section`, `index`): labelled by its type in Chinese ("单行文本",
 * "单行文本 2" …), its id that label in pinyin. Returns the definition and the new id.
 */
export function addField(
  def: FormDefinition,
  type: FieldTypeInfo,
  section: number,
  index: number,
  id?: string,
): { def: FormDefinition; id: string } {
  const label = defaultLabel(type, def.fields.map((f) => f.label?.zh ?? ''));
  const newId = id ?? fieldIdFromLabel(label, def.fields.map((f) => f.id));
  const field = newField(type, newId, label);
  const layout = layoutOf(def);
  const base = layout.length ? layout : [newSection([], undefined, 1)];
  return {
    def: { ...def, fields: [...def.fields, field], layout: placeInLayout(base, newId, section, index) },
    id: newId,
  };
}

/** Move field `id` to (`section`, `index`), the index counted after taking it out. */
export function moveField(def: FormDefinition, id: string, section: number, index: number): FormDefinition {
  const layout = layoutOf(def);
  if (!locate(layout, id)) return def;
  return { ...def, layout: placeInLayout(dropFromLayout(layout, id), id, section, index) };
}

/**
 * Remove field `id`. A field of the published version stays in the definition marked
 * `deleted` (its column and data stay; the server keeps it so anyway); a field never
 * published is simply dropped.
 */
export function removeField(def: FormDefinition, id: string, published: Iterable<string>): FormDefinition {
  const keep = new Set(published).has(id);
  const fields = keep
    ? def.fields.map((f) => (f.id === id ? { ...f, deleted: true } : f))
    : def.fields.filter((f) => f.id !== id);
  const out: FormDefinition = { ...def, fields, layout: dropFromLayout(layoutOf(def), id) };
  if (out.title_field === id) delete out.title_field;
  return out;
}

/** Bring back a deleted field, at the end of the last section. */
export function restoreField(def: FormDefinition, id: string): FormDefinition {
  const field = def.fields.find((f) => f.id === id);
  if (!field || !field.deleted) return def;
  const fields = def.fields.map((f) => (f.id === id ? applyPatch(f, { deleted: undefined }) : f));
  const layout = layoutOf(def);
  return { ...def, fields, layout: placeInLayout(layout, id, layout.length - 1, Infinity) };
}

export function updateField(def: FormDefinition, id: string, patch: Partial<FieldDef>): FormDefinition {
  const rest: Partial<FieldDef> = { ...patch };
  delete rest.id;
  return { ...def, fields: def.fields.map((f) => (f.id === id ? applyPatch(f, rest) : f)) };
}

/** The id field `id` would get from its Chinese label now (unique among the others). */
export function labelId(def: FormDefinition, id: string, label: string): string {
  return fieldIdFromLabel(label, def.fields.filter((f) => f.id !== id).map((f) => f.id));
}

/**
 * Rename the label of a field that is not published: when its id is still the one made from
 * its old label (not typed by hand), the id follows the new label. Returns the definition and
 * the field's id after the edit.
 */
export function relabelField(def: FormDefinition, id: string, patch: Partial<FieldDef>): { def: FormDefinition; id: string } {
  const field = def.fields.find((f) => f.id === id);
  const updated = updateField(def, id, patch);
  if (!field || !patch.label?.zh?.trim() || id !== labelId(def, id, field.label?.zh ?? '')) return { def: updated, id };
  const to = labelId(updated, id, patch.label.zh);
  return to === id ? { def: updated, id } : { def: renameField(updated, id, to), id: to };
}

/** Give field `id` the id `to` everywhere: fields, layout, title field, conditions. */
export function renameField(def: FormDefinition, id: string, to: string): FormDefinition {
  if (id === to || def.fields.some((f) => f.id === to)) return def;
  const fields = def.fields.map((f) => {
    const next: FieldDef = f.id === id ? { ...f, id: to } : { ...f };
    for (const key of CONDITION_KEYS) {
      if (next[key] != null) next[key] = renameVar(next[key], id, to);
    }
    return next;
  });
  const layout = layoutOf(def).map((s) => ({ ...s, fields: s.fields.map((f) => (f === id ? to : f)) }));
  const out: FormDefinition = { ...def, fields, layout };
  if (def.title_field === id) out.title_field = to;
  return out;
}

/** Change field `id` to `type`: common keys and keys the new type also has are kept. */
export function changeType(def: FormDefinition, id: string, type: FieldTypeInfo): FormDefinition {
  const field = def.fields.find((f) => f.id === id);
  if (!field || field.type === type.key) return def;
  const allowed = new Set([...COMMON_KEYS, ...Object.keys(type.config_schema?.properties ?? {})]);
  const fresh = newField(type, id);
  const next: FieldDef = { ...field, type: type.key };
  for (const key of Object.keys(next)) if (!allowed.has(key)) delete next[key];
  for (const [key, value] of Object.entries(fresh)) {
    if (key !== 'label' && next[key] === undefined) next[key] = value;
  }
  delete next.default;
  return { ...def, fields: def.fields.map((f) => (f.id === id ? next : f)) };
}

export function updateForm(
  def: FormDefinition,
  patch: Partial<Pick<FormDefinition, 'label' | 'description' | 'title_field'>>,
): FormDefinition {
  return applyPatch<FormDefinition>(def, patch);
}

export function addSection(def: FormDefinition, at?: number, tab?: Text, label?: Text): FormDefinition {
  const layout = [...layoutOf(def)];
  const pos = clampIndex(at ?? layout.length, layout.length);
  const section = newSection([], label);
  if (tab) section.tab = tab;
  layout.splice(pos, 0, section);
  return { ...def, layout };
}

export function updateSection(
  def: FormDefinition,
  index: number,
  patch: Partial<Omit<LayoutSection, 'fields'>>,
): FormDefinition {
  const fixed = patch.columns !== undefined ? { ...patch, columns: clampColumns(patch.columns) } : patch;
  return { ...def, layout: layoutOf(def).map((s, i) => (i === index ? applyPatch<LayoutSection>(s, fixed) : s)) };
}

/** Remove a section; its fields join the section before it (or after, for the first). */
export function removeSection(def: FormDefinition, index: number): FormDefinition {
  const layout = layoutOf(def);
  if (layout.length <= 1 || index < 0 || index >= layout.length) return def;
  const heir = index === 0 ? 1 : index - 1;
  const moved = layout[index].fields;
  const next = layout.map((s, i) =>
    i === heir ? { ...s, fields: heir < index ? [...s.fields, ...moved] : [...moved, ...s.fields] } : s,
  );
  next.splice(index, 1);
  return { ...def, layout: next };
}

export function moveSection(def: FormDefinition, index: number, to: number): FormDefinition {
  const layout = [...layoutOf(def)];
  if (index < 0 || index >= layout.length) return def;
  const [section] = layout.splice(index, 1);
  layout.splice(clampIndex(to, layout.length), 0, section);
  return { ...def, layout };
}

/** Put the sections `indexes` in tab `tab` (none when undefined): renames a tab in one step. */
export function setTab(def: FormDefinition, indexes: number[], tab: Text | undefined): FormDefinition {
  const set = new Set(indexes);
  return {
    ...def,
    layout: layoutOf(def).map((s, i) => (set.has(i) ? applyPatch<LayoutSection>(s, { tab }) : s)),
  };
}
