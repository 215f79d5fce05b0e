/**
 * The condition builder's configuration (react-awesome-query-builder), one for the grid's
 * filter and the designer's field conditions: the fields as fields.ts decides from their
 * traits, the operators of operators.ts, values kept as records hold them (dates as ISO
 * text, numbers typed as people write them: querybuilder/NumberTextWidget.tsx), every text
 * in the user's language (the builder's words from querybuilder/locale.ts, then the
 * caller's names of operators and conjunctions).
 */
import type { Config, Fields, NumberWidgetProps } from "@react-awesome-query-builder/antd";
import { createElement } from "react";
import type { Lang } from "../i18n";
import { builderWords, localizeBuilder } from "../querybuilder/locale";
import type { BuilderOverrides } from "../querybuilder/locale";
import NumberTextWidget from "../querybuilder/NumberTextWidget";
import type { Purpose } from "./fields";
import { builderOperators, OWN_NAMES } from "./operators";

export const DATE_FORMAT = "YYYY-MM-DD";
export const DATETIME_FORMAT = "YYYY-MM-DDTHH:mm:ss";

/** The caller's names for operators, conjunctions and "not". */
export type ConditionTexts = BuilderOverrides;

const keepString = { jsonLogic: (val: unknown) => val, jsonLogicImport: (val: unknown) => val };

/** `base` (CoreConfig or AntdConfig) set up for `fields` (from fields.ts) in `lang`. */
export function buildConditionConfig(base: Config, fields: Fields, lang: Lang, purpose: Purpose,
  texts: ConditionTexts = {}): Config {
  const operators = builderOperators(base.operators);
  const widgets = {
    ...base.widgets,
    number: { ...base.widgets.number, factory: (props: NumberWidgetProps) => createElement(NumberTextWidget, props) },
    date: { ...base.widgets.date, ...keepString, valueFormat: DATE_FORMAT, dateFormat: DATE_FORMAT },
    datetime: { ...base.widgets.datetime, ...keepString, valueFormat: DATETIME_FORMAT, dateFormat: DATE_FORMAT },
  } as Config["widgets"];
  const types = { ...base.types };
  const select = types.select.widgets.select;
  types.select = {
    ...types.select,
    widgets: { ...types.select.widgets, select: { ...select, operators: [...(select.operators ?? []), "has_option"] } },
  };
  const names = { ...texts, operators: { ...OWN_NAMES[lang], ...texts.operators } };
  const config = localizeBuilder({ ...base, operators, widgets, types, fields }, lang, names);
  const own = purpose === "filter"
    ? { showNot: false, canLeaveEmptyGroup: true, removeRuleConfirmOptions: undefined, removeGroupConfirmOptions: undefined }
    : { showNot: true, canReorder: true, valueSourcesInfo: { value: { label: builderWords(lang).sources.value } } };
  return { ...config, settings: { ...config.settings, maxNesting: 3, ...own } };
}
