/**
 * The condition builder's configuration: the form's fields as query-builder fields, with
 * only the operators whose JsonLogic means the same in the browser (json-logic-js) and on
 * the server (Trellis' evaluator), dates kept as the ISO strings records hold, and every
 * text in the user's language (the builder's own words from querybuilder/locale.ts).
 */
import type { Config, Fields, FieldOrGroup } from '@react-awesome-query-builder/antd';
import { builderWords, localizeBuilder } from '../../querybuilder/locale';
import type { BuilderOverrides } from '../../querybuilder/locale';
import { textOf } from '../model/text';
import type { Lang } from '../model/text';
import type { FieldDef } from '../model/types';

const TEXT_OPS = ['equal', 'not_equal', 'like', 'not_like', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
const ORDERED_OPS = [
  'equal', 'not_equal', 'less', 'less_or_equal', 'greater', 'greater_or_equal', 'between', 'is_null', 'is_not_null',
];
const SELECT_OPS = ['select_equals', 'select_not_equals', 'select_any_in', 'select_not_any_in', 'is_null', 'is_not_null'];
const MULTI_OPS = ['multiselect_contains', 'multiselect_not_contains', 'is_empty', 'is_not_empty'];
const PRESENCE_OPS = ['is_null', 'is_not_null'];

const TEXT_TYPES = ['text', 'long_text', 'email', 'mobile', 'url', 'auto_number'];
const NUMBER_TYPES = ['integer', 'decimal', 'money', 'percent'];
const PRESENCE_TYPES = ['user', 'department', 'relation', 'attachment'];

export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATETIME_FORMAT = 'YYYY-MM-DDTHH:mm:ss';

/** The query-builder field for a form field, or null when conditions cannot test it. */
export function conditionField(field: FieldDef, lang: Lang): FieldOrGroup | null {
  const label = textOf(field.label, lang, field.id);
  if (TEXT_TYPES.includes(field.type)) return { label, type: 'text', operators: TEXT_OPS, valueSources: ['value'] };
  if (NUMBER_TYPES.includes(field.type)) {
    return { label, type: 'number', operators: ORDERED_OPS, valueSources: ['value'] };
  }
  if (field.type === 'date') return { label, type: 'date', operators: ORDERED_OPS, valueSources: ['value'] };
  if (field.type === 'datetime') {
    return { label, type: 'datetime', operators: ORDERED_OPS, valueSources: ['value'] };
  }
  if (field.type === 'boolean') return { label, type: 'boolean', operators: ['equal'], valueSources: ['value'] };
  if (field.type === 'single_select' || field.type === 'multi_select') {
    const listValues = (field.options ?? []).map((o) => ({ value: o.value, title: textOf(o.label, lang, o.value) }));
    const multi = field.type === 'multi_select';
    return {
      label,
      type: multi ? 'multiselect' : 'select',
      operators: multi ? MULTI_OPS : SELECT_OPS,
      valueSources: ['value'],
      fieldSettings: { listValues },
    };
  }
  if (PRESENCE_TYPES.includes(field.type)) {
    return { label, type: 'text', operators: PRESENCE_OPS, valueSources: ['value'] };
  }
  return null;
}

/** The fields a condition on field `self` may test: every other live field it can compare. */
export function conditionFields(fields: FieldDef[], lang: Lang, self?: string): Fields {
  const out: Fields = {};
  for (const f of fields) {
    if (f.deleted || f.id === self) continue;
    const conf = conditionField(f, lang);
    if (conf) out[f.id] = conf;
  }
  return out;
}

/** The designer's own names for the operators, conjunctions and "not" (also used to put a condition in words). */
export type ConditionTexts = BuilderOverrides;

const keepString = (val: unknown): unknown => val;

/** `base` (CoreConfig or AntdConfig) specialised for `fields`, in `lang` (named with `texts`), with ISO date values. */
export function buildConfig(base: Config, fields: Fields, lang: Lang = 'zh', texts?: ConditionTexts): Config {
  const operators = { ...base.operators };
  operators.starts_with = { ...operators.starts_with, jsonLogic: 'starts_with' };
  operators.ends_with = { ...operators.ends_with, jsonLogic: 'ends_with' };
  const widgets = {
    ...base.widgets,
    date: { ...base.widgets.date, valueFormat: DATE_FORMAT, jsonLogic: keepString, jsonLogicImport: keepString },
    datetime: {
      ...base.widgets.datetime,
      valueFormat: DATETIME_FORMAT,
      jsonLogic: keepString,
      jsonLogicImport: keepString,
    },
  } as Config['widgets'];
  const config = localizeBuilder({ ...base, operators, widgets, fields }, lang, texts);
  return {
    ...config,
    settings: {
      ...config.settings,
      showNot: true,
      maxNesting: 3,
      canReorder: true,
      valueSourcesInfo: { value: { label: builderWords(lang).sources.value } },
    },
  };
}
