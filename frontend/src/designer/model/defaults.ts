/** What a field dropped from the palette starts with: a label, and the keys its type requires. */
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

/** The number ending an id such as "text_3" (1 when none). */
function ordinal(id: string): number {
  const m = /_(\d+)$/.exec(id);
  return m ? Number(m[1]) : 1;
}

export function sampleOptions(count = 3): SelectOption[] {
  const colors = ['blue', 'green', 'orange', 'purple', 'cyan'];
  return Array.from({ length: count }, (_, i) => ({
    value: `option_${i + 1}`,
    label: { zh: `选项${i + 1}`, en: `Option ${i + 1}` },
    color: colors[i % colors.length],
  }));
}

/** A new field of `type` with id `id`: a numbered label and the type's required keys. */
export function newField(type: FieldTypeInfo, id: string): FieldDef {
  const n = ordinal(id);
  const field: FieldDef = {
    id,
    type: type.key,
    label: { zh: `${type.label.zh}${n}`, en: `${type.label.en || type.key} ${n}` },
  };
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
