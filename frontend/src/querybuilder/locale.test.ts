/** Every text the query builder shows comes out in the chosen language, whatever its defaults. */
import { AntdConfig, CoreConfig } from "@react-awesome-query-builder/antd";
import type { Config } from "@react-awesome-query-builder/antd";
import { describe, expect, it } from "vitest";
import { localizeBuilder } from "./locale";

const ENGLISH = /[A-Za-z]{3,}/;
const CHINESE = /[\u4e00-\u9fff]/;
const TEXT_KEY = /(Label|Placeholder|Title|label|placeholder|labelYes|labelNo)$/;

interface Hint {
  label: string;
  placeholder: string;
}
/** The text-bearing props of a widget or an operator (the library types them per kind). */
interface Worded {
  label?: string;
  valueLabel?: string;
  valuePlaceholder?: string;
  valueLabels?: (string | Hint)[];
  textSeparators?: (string | null)[];
  labelYes?: string;
  labelNo?: string;
}
const worded = (x: unknown) => x as Worded;
const hintText = (l: string | Hint) => (typeof l === "string" ? l : `${l.label} ${l.placeholder}`);

/** Every visible text of a config, as "where: text". */
function texts(config: Config): string[] {
  const out: string[] = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === "string" && value) out.push(`${where}: ${value}`);
  };
  for (const [key, value] of Object.entries(config.settings)) if (TEXT_KEY.test(key)) add(`settings.${key}`, value);
  for (const [key, info] of Object.entries(config.settings.valueSourcesInfo ?? {})) add(`source.${key}`, info?.label);
  for (const [key, widget] of Object.entries(config.widgets)) {
    const w = worded(widget);
    for (const prop of ["valueLabel", "valuePlaceholder", "labelYes", "labelNo"] as const) add(`widget.${key}.${prop}`, w[prop]);
    for (const l of w.valueLabels ?? []) add(`widget.${key}.valueLabels`, hintText(l));
  }
  for (const key of ["equal", "less", "between", "not_between", "like", "is_empty", "select_any_in", "multiselect_contains"]) {
    const op = worded(config.operators[key]);
    add(`operator.${key}`, op.label);
    for (const l of op.valueLabels ?? []) add(`operator.${key}.valueLabels`, hintText(l));
    for (const s of op.textSeparators ?? []) add(`operator.${key}.separator`, s);
  }
  for (const [key, c] of Object.entries(config.conjunctions)) add(`conjunction.${key}`, c.label);
  return out;
}

describe("query builder words", () => {
  it.each([["antd", AntdConfig], ["core", CoreConfig]])("leaves no English default in Chinese (%s config)", (_, base) => {
    const all = texts(localizeBuilder(base, "zh"));
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter((t) => ENGLISH.test(t.split(": ")[1]))).toEqual([]);
  });

  it("speaks English in English, in its own words", () => {
    const config = localizeBuilder(AntdConfig, "en");
    expect(texts(config).filter((t) => CHINESE.test(t))).toEqual([]);
    expect(config.widgets.number.valuePlaceholder).toBe("Enter a number");
    expect(config.settings.addRuleLabel).toBe("Add condition");
  });

  it("gives ranges from / to hints and the antd locale of the language", () => {
    const config = localizeBuilder(AntdConfig, "zh");
    expect(worded(config.widgets.date).valueLabels).toEqual([
      { label: "开始日期", placeholder: "开始日期" }, { label: "结束日期", placeholder: "结束日期" },
    ]);
    expect(worded(config.operators.between).textSeparators).toEqual([null, "至"]);
    const antdLocale = (c: Config) => (c.settings.locale as { antd?: { locale?: string } } | undefined)?.antd?.locale;
    expect(antdLocale(config)).toBe("zh-cn");
    expect(antdLocale(localizeBuilder(AntdConfig, "en"))).toBe("en");
  });

  it("lets the caller name operators, conjunctions and not, and keeps what it set", () => {
    const base = { ...AntdConfig, settings: { ...AntdConfig.settings, showNot: false } };
    const config = localizeBuilder(base, "zh", { operators: { select_any_in: "属于" }, and: "且", not: "不是" });
    expect(config.operators.select_any_in.label).toBe("属于");
    expect(config.operators.select_not_any_in.label).toBe("不属于");
    expect(config.conjunctions.AND.label).toBe("且");
    expect(config.conjunctions.OR.label).toBe("或者");
    expect(config.settings.notLabel).toBe("不是");
    expect(config.settings.showNot).toBe(false);
    expect(config.operators.equal.jsonLogic).toBe(AntdConfig.operators.equal.jsonLogic);
  });
});
