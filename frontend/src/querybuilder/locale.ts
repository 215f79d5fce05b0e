/**
 * The query builder's own words (react-awesome-query-builder) in the user's language: its
 * buttons and placeholders, every value widget's label, placeholder and from/to hints, the
 * operators' default names, the range separator, the conjunctions and antd's locale. The
 * grid's filter builder and the designer's condition builder both start from here, then
 * name the operators they offer their own way.
 */
import type { Config, Conjunctions, Operators, Widgets } from "@react-awesome-query-builder/antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";

export type BuilderLang = "zh" | "en";

interface Hint {
  label: string;
  placeholder: string;
}

interface WidgetWords {
  valueLabel: string;
  valuePlaceholder: string;
  /** The from / to inputs of a range (between). */
  valueLabels?: [Hint, Hint];
  labelYes?: string;
  labelNo?: string;
}

interface BuilderWords {
  settings: Record<string, string>;
  /** Names of the value sources (a value, another field, a function). */
  sources: Record<string, string>;
  widgets: Record<string, WidgetWords>;
  operators: Record<string, string>;
  /** A range's from / to inputs when the widget names none, and what stands between them. */
  range: { valueLabels: [Hint, Hint]; separator: string };
  and: string;
  or: string;
}

const RANGE_OPS = ["between", "not_between"];

const hint = (label: string, placeholder = label): Hint => ({ label, placeholder });

const ZH: BuilderWords = {
  settings: {
    valueLabel: "值", valuePlaceholder: "值", fieldLabel: "字段", operatorLabel: "运算", funcLabel: "函数",
    fieldPlaceholder: "选择字段", funcPlaceholder: "选择函数", operatorPlaceholder: "选择运算",
    lockLabel: "锁定", lockedLabel: "已锁定", deleteLabel: "删除", delGroupLabel: "删除",
    addRuleLabel: "添加条件", addGroupLabel: "添加条件组", addSubRuleLabel: "添加子条件", addSubGroupLabel: "添加子条件组",
    addCaseLabel: "添加分支", addDefaultCaseLabel: "添加默认分支", defaultCaseLabel: "默认:", notLabel: "非",
    fieldSourcesPopupTitle: "选择来源", valueSourcesPopupTitle: "选择值的来源",
    loadMoreLabel: "加载更多…", loadingMoreLabel: "正在加载更多…", typeToSearchLabel: "输入以搜索",
    loadingLabel: "加载中…", notFoundLabel: "无匹配项",
  },
  sources: { value: "值", field: "字段", func: "函数" },
  widgets: {
    text: { valueLabel: "文本", valuePlaceholder: "请输入文本" },
    textarea: { valueLabel: "文本", valuePlaceholder: "请输入文本" },
    number: { valueLabel: "数值", valuePlaceholder: "请输入数值", valueLabels: [hint("最小值"), hint("最大值")] },
    slider: { valueLabel: "数值", valuePlaceholder: "输入数值或拖动滑块" },
    rangeslider: { valueLabel: "范围", valuePlaceholder: "选择范围", valueLabels: [hint("最小值"), hint("最大值")] },
    select: { valueLabel: "值", valuePlaceholder: "请选择" },
    multiselect: { valueLabel: "值", valuePlaceholder: "请选择(可多选)" },
    treeselect: { valueLabel: "值", valuePlaceholder: "请选择" },
    treemultiselect: { valueLabel: "值", valuePlaceholder: "请选择(可多选)" },
    date: { valueLabel: "日期", valuePlaceholder: "请选择日期", valueLabels: [hint("开始日期"), hint("结束日期")] },
    time: { valueLabel: "时间", valuePlaceholder: "请选择时间", valueLabels: [hint("开始时间"), hint("结束时间")] },
    datetime: { valueLabel: "日期时间", valuePlaceholder: "请选择日期时间", valueLabels: [hint("开始时间"), hint("结束时间")] },
    boolean: { valueLabel: "值", valuePlaceholder: "值", labelYes: "是", labelNo: "否" },
    field: { valueLabel: "比较字段", valuePlaceholder: "选择要比较的字段" },
    func: { valueLabel: "函数", valuePlaceholder: "选择函数" },
  },
  operators: {
    equal: "等于", not_equal: "不等于", less: "小于", less_or_equal: "小于等于", greater: "大于", greater_or_equal: "大于等于",
    like: "包含", not_like: "不包含", starts_with: "开头是", ends_with: "结尾是", between: "介于", not_between: "不介于",
    is_empty: "为空", is_not_empty: "不为空", is_null: "为空", is_not_null: "不为空",
    select_equals: "等于", select_not_equals: "不等于", select_any_in: "属于其中之一", select_not_any_in: "不属于",
    multiselect_contains: "包含任一", multiselect_not_contains: "不包含任一",
    multiselect_equals: "等于", multiselect_not_equals: "不等于",
    proximity: "相近词搜索", some: "部分满足", all: "全部满足", none: "都不满足",
  },
  range: { valueLabels: [hint("起始值"), hint("结束值")], separator: "至" },
  and: "并且",
  or: "或者",
};

const EN: BuilderWords = {
  settings: {
    valueLabel: "Value", valuePlaceholder: "Value", fieldLabel: "Field", operatorLabel: "Operator", funcLabel: "Function",
    fieldPlaceholder: "Choose a field", funcPlaceholder: "Choose a function", operatorPlaceholder: "Choose an operator",
    lockLabel: "Lock", lockedLabel: "Locked", deleteLabel: "Delete", delGroupLabel: "Delete",
    addRuleLabel: "Add condition", addGroupLabel: "Add group", addSubRuleLabel: "Add sub-condition",
    addSubGroupLabel: "Add sub-group", addCaseLabel: "Add case", addDefaultCaseLabel: "Add default case",
    defaultCaseLabel: "Default:", notLabel: "Not",
    fieldSourcesPopupTitle: "Choose a source", valueSourcesPopupTitle: "Choose where the value comes from",
    loadMoreLabel: "Load more…", loadingMoreLabel: "Loading more…", typeToSearchLabel: "Type to search",
    loadingLabel: "Loading…", notFoundLabel: "No match",
  },
  sources: { value: "Value", field: "Field", func: "Function" },
  widgets: {
    text: { valueLabel: "Text", valuePlaceholder: "Enter text" },
    textarea: { valueLabel: "Text", valuePlaceholder: "Enter text" },
    number: { valueLabel: "Number", valuePlaceholder: "Enter a number", valueLabels: [hint("Minimum"), hint("Maximum")] },
    slider: { valueLabel: "Number", valuePlaceholder: "Enter a number or move the slider" },
    rangeslider: { valueLabel: "Range", valuePlaceholder: "Choose a range", valueLabels: [hint("Minimum"), hint("Maximum")] },
    select: { valueLabel: "Value", valuePlaceholder: "Choose a value" },
    multiselect: { valueLabel: "Values", valuePlaceholder: "Choose one or more" },
    treeselect: { valueLabel: "Value", valuePlaceholder: "Choose a value" },
    treemultiselect: { valueLabel: "Values", valuePlaceholder: "Choose one or more" },
    date: { valueLabel: "Date", valuePlaceholder: "Choose a date", valueLabels: [hint("Start date"), hint("End date")] },
    time: { valueLabel: "Time", valuePlaceholder: "Choose a time", valueLabels: [hint("Start time"), hint("End time")] },
    datetime: {
      valueLabel: "Date and time", valuePlaceholder: "Choose a date and time",
      valueLabels: [hint("Start time"), hint("End time")],
    },
    boolean: { valueLabel: "Value", valuePlaceholder: "Value", labelYes: "Yes", labelNo: "No" },
    field: { valueLabel: "Field to compare", valuePlaceholder: "Choose a field to compare" },
    func: { valueLabel: "Function", valuePlaceholder: "Choose a function" },
  },
  operators: {
    equal: "equals", not_equal: "does not equal", less: "less than", less_or_equal: "at most", greater: "greater than",
    greater_or_equal: "at least", like: "contains", not_like: "does not contain", starts_with: "starts with",
    ends_with: "ends with", between: "between", not_between: "not between", is_empty: "is empty",
    is_not_empty: "is not empty", is_null: "is empty", is_not_null: "is not empty", select_equals: "is",
    select_not_equals: "is not", select_any_in: "is any of", select_not_any_in: "is none of",
    multiselect_contains: "has any of", multiselect_not_contains: "has none of",
    multiselect_equals: "equals", multiselect_not_equals: "does not equal",
    proximity: "proximity search", some: "some", all: "all", none: "none",
  },
  range: { valueLabels: [hint("From"), hint("To")], separator: "and" },
  and: "AND",
  or: "OR",
};

/** The caller's own names, over the defaults: operators it offers, conjunctions, "not". */
export interface BuilderOverrides {
  operators?: Record<string, string>;
  and?: string;
  or?: string;
  not?: string;
}

/** The builder's words in `lang`, as plain data (what `localizeBuilder` applies). */
export function builderWords(lang: BuilderLang): BuilderWords {
  return lang === "en" ? EN : ZH;
}

/** `base` (CoreConfig, AntdConfig or a config built from them) with every text of the builder in `lang`. */
export function localizeBuilder(base: Config, lang: BuilderLang, overrides: BuilderOverrides = {}): Config {
  const words = builderWords(lang);
  const widgets: Widgets = { ...base.widgets };
  for (const [key, texts] of Object.entries(words.widgets)) {
    if (widgets[key]) widgets[key] = { ...widgets[key], ...texts } as Widgets[string];
  }
  const names = { ...words.operators, ...overrides.operators };
  const operators: Operators = { ...base.operators };
  for (const [key, op] of Object.entries(operators)) {
    const label = names[key] ?? op.label;
    const range = RANGE_OPS.includes(key)
      ? { valueLabels: words.range.valueLabels, textSeparators: [null, words.range.separator] }
      : {};
    operators[key] = { ...op, label, ...range };
  }
  const conjunctions: Conjunctions = { ...base.conjunctions };
  if (conjunctions.AND) conjunctions.AND = { ...conjunctions.AND, label: overrides.and ?? words.and };
  if (conjunctions.OR) conjunctions.OR = { ...conjunctions.OR, label: overrides.or ?? words.or };
  const sources = { ...base.settings.valueSourcesInfo };
  for (const [key, info] of Object.entries(sources)) {
    if (info && words.sources[key]) sources[key as keyof typeof sources] = { ...info, label: words.sources[key] };
  }
  return {
    ...base,
    widgets,
    operators,
    conjunctions,
    settings: {
      ...base.settings,
      ...words.settings,
      ...(overrides.not ? { notLabel: overrides.not } : {}),
      valueSourcesInfo: sources,
      locale: { ...base.settings.locale, antd: lang === "en" ? enUS : zhCN },
    },
  };
}
