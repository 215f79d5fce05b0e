/** Field and form identifiers: the rules the server enforces, and fresh ids for new fields. */

export const FIELD_ID_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;
export const FORM_ID_PATTERN = /^[a-z][a-z0-9_]{0,30}$/;

/** Column names every form table already has: no field may take them. */
export const SYSTEM_FIELDS = [
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'version',
  'deleted_at',
] as const;

export type IdProblem = 'empty' | 'pattern' | 'system' | 'duplicate' | null;

/** Why `id` cannot be a new field's id among `taken`, or null when it can. */
export function fieldIdProblem(id: string, taken: Iterable<string>): IdProblem {
  if (!id) return 'empty';
  if (!FIELD_ID_PATTERN.test(id)) return 'pattern';
  if ((SYSTEM_FIELDS as readonly string[]).includes(id)) return 'system';
  for (const other of taken) if (other === id) return 'duplicate';
  return null;
}

/** Why `id` cannot be a form id, or null. */
export function formIdProblem(id: string, taken: Iterable<string> = []): IdProblem {
  if (!id) return 'empty';
  if (!FORM_ID_PATTERN.test(id)) return 'pattern';
  for (const other of taken) if (other === id) return 'duplicate';
  return null;
}

/** The first free id `<prefix>_<n>` (n from 1) not in `taken`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = (prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 'field').slice(0, 34);
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!used.has(id) && !(SYSTEM_FIELDS as readonly string[]).includes(id)) return id;
  }
}
