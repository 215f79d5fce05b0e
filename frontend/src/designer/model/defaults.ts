/** What a field dropped from the palette starts with: a Chinese label, and the keys its type requires. */
import { optionKeyFromLabel } from './autoId';
import type { FieldDef, FieldTypeInfo, SelectOption } from './types';

/** antd's preset tag colours, offered for select options. */
export const PRESET_COLORS = [
  'default',
  'blue',
  'green',
  'gold',
  'orange',
  'red',
  'volcano',
  'magenta',
  'purple',
  'geekblue',
  'cyan',
  'lime',
] as const;

const OPTION_COLORS = ['blue', 'green', 'orange', 'purple', 'cyan'];

/**
 * `options` with their keys made from their Chinese labels, in order (pinyin, unique; `opt_n`
 * for a label that gives none): what a select field's options are keyed by until it is published.
 */
export function keyedOptions(options: SelectOption[]): SelectOption[] {
  const keys: string[] = [];
  return options.map((o, i) => {
    const value = optionKeyFromLabel(o.label?.zh ?? '', keys, i + 1);
    keys.push(value);
    return value === o.value ? o : { ...o, value };
  });
}

/** Options a new select starts with: Chinese labels only (English falls back to them), keys from the labels. */
export function sampleOptions(count = 3): SelectOption[] {
  return keyedOptions(Array.from({ length: count }, (_, i) => ({
    value: '',
    label: { zh: defaultOptionLabel(i + 1) },
    color: OPTION_COLORS[i % OPTION_COLORS.length],
  })));
}

/** The Chinese name of the n-th option (1-based) until the user names it. */
export const defaultOptionLabel = (n: number) => `选项${n}`;

/** The colour of the n-th option (0-based) a user adds. */
export const optionColor = (n: number) => OPTION_COLORS[n % OPTION_COLORS.length];

/**
 * The Chinese label of a new field of `type`: the type's name ("单行文本"), then "单行文本 2",
 * "单行文本 3" … the first not among `labels`.
 */
export function defaultLabel(type: FieldTypeInfo, labels: Iterable<string>): string {
  const used = new Set(labels);
  const name = type.label.zh || type.key;
  if (!used.has(name)) return name;
  for (let n = 2; ; n += 1) if (!used.has(`${name} ${n}`)) return `${name} ${n}`;
}

/** A new field of `type` with id `id`: a Chinese label (no English one is invented) and the type's required keys. */
export function newField(type: FieldTypeInfo, id: string, label = type.label.zh || type.key): FieldDef {
  const field: FieldDef = { id, type: type.key, label: { zh: label } };
  const schema = type.config_schema ?? {};
  const props = schema.properties ?? {};
  if ('options' in props && (schema.required ?? []).includes('options')) field.options = sampleOptions(); // optional: none
  if ('fields' in props) {
    field.fields = [{ id: 'item', type: 'text', label: { zh: '名称', en: 'Name' } }];
  }
  for (const key of schema.required ?? []) {
    if (field[key] === undefined && props[key]?.default !== undefined) field[key] = props[key].default;
  }
  return field;
}
