/**
 * Ids made from a Chinese name: the name in pinyin, lower snake_case, starting with a letter,
 * within the length limit, never a system field name or a reserved word, unique among `taken`
 * (a suffix _2, _3 …). Option keys of a select field come from their labels the same way.
 */
import { pinyin } from 'pinyin-pro';
import { FIELD_ID_PATTERN, FORM_ID_PATTERN, SYSTEM_FIELDS } from './ids';

/** Longest field id (platform/trellis/_metadata/common.schema.json) and form id. */
export const FIELD_ID_MAX = 41;
export const FORM_ID_MAX = 31;
/** Longest option key made from a label (keys are stored values: kept short). */
const OPTION_KEY_MAX = 30;

/** Words a column should not be named after (SQL keywords), besides the system fields. */
export const RESERVED_WORDS = [
  'all', 'and', 'as', 'asc', 'by', 'case', 'check', 'column', 'constraint', 'create', 'default', 'delete',
  'desc', 'distinct', 'drop', 'else', 'end', 'false', 'from', 'grant', 'group', 'having', 'in', 'index',
  'insert', 'into', 'is', 'join', 'key', 'like', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order',
  'primary', 'references', 'select', 'table', 'then', 'to', 'true', 'union', 'unique', 'update', 'user',
  'using', 'values', 'when', 'where', 'with',
] as const;

const FORBIDDEN = new Set<string>([...SYSTEM_FIELDS, ...RESERVED_WORDS]);

/** Whether `id` is a system field name or a reserved word. */
export function isReserved(id: string): boolean {
  return FORBIDDEN.has(id);
}

/** `name` as lower snake_case words: Chinese characters in pinyin (no tones), the rest as typed. */
export function slug(name: string): string {
  const words = pinyin(name.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return words
    .join('_')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Cut `base` to `max` characters at a word boundary when there is one, without a trailing _. */
function cut(base: string, max: number): string {
  if (base.length <= max) return base;
  const head = base.slice(0, max);
  const at = head.lastIndexOf('_');
  return (at >= max / 2 ? head.slice(0, at) : head).replace(/_+$/, '');
}

interface IdRules {
  max: number;
  /** The start of an id whose name gives nothing usable or starts with a digit. */
  prefix: string;
  pattern: RegExp;
  /** Whether system fields and reserved words are refused (fields and option keys). */
  guarded: boolean;
}

function uniqueId(name: string, taken: Iterable<string>, rules: IdRules): string {
  const used = new Set(taken);
  let base = slug(name);
  if (!base) base = rules.prefix;
  else if (!/^[a-z]/.test(base)) base = `${rules.prefix}_${base}`;
  const free = (id: string) => !used.has(id) && rules.pattern.test(id) && !(rules.guarded && isReserved(id));
  const first = cut(base, rules.max);
  if (free(first)) return first;
  for (let n = 2; ; n += 1) {
    const tail = `_${n}`;
    const id = `${cut(base, rules.max - tail.length)}${tail}`;
    if (free(id)) return id;
  }
}

/** A field id for the field named `label` (Chinese), unique among `taken`. */
export function fieldIdFromLabel(label: string, taken: Iterable<string>): string {
  return uniqueId(label, taken, { max: FIELD_ID_MAX, prefix: 'field', pattern: FIELD_ID_PATTERN, guarded: true });
}

/** A form id for the form named `name`, unique among the app's `taken` form ids. */
export function formIdFromName(name: string, taken: Iterable<string>): string {
  return uniqueId(name, taken, { max: FORM_ID_MAX, prefix: 'form', pattern: FORM_ID_PATTERN, guarded: false });
}

/** A key for the option labelled `label`, unique among `taken`; `opt_<n>` when the label gives none. */
export function optionKeyFromLabel(label: string, taken: Iterable<string>, n: number): string {
  const used = [...taken];
  if (!slug(label)) {
    for (let i = n; ; i += 1) if (!used.includes(`opt_${i}`)) return `opt_${i}`;
  }
  return uniqueId(label, used, { max: OPTION_KEY_MAX, prefix: 'opt', pattern: /^[a-z][a-z0-9_]*$/, guarded: false });
}
