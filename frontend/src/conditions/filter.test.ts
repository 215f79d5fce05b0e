/** The grid's filter: the builder writes JsonLogic the server compiles, and reads it back. */
import { AntdConfig, Utils as QbUtils } from "@react-awesome-query-builder/antd";
import { describe, expect, it } from "vitest";
import type { Department, FormDef } from "../api/types";
import type { Lang } from "../i18n";
import { buildConditionConfig } from "./config";
import { conditionFields } from "./fields";

const buildFilterConfig = (def: FormDef, lang: Lang, departments?: Department[]) =>
  buildConditionConfig(AntdConfig, conditionFields(def.fields, lang, "filter", { departments }), lang, "filter");

const def: FormDef = {
  id: "client", actions: ["read"],
  fields: [
    { id: "name", type: "text", label: { zh: "名称", en: "Name" } },
    { id: "equity", type: "money" },
    { id: "opened_at", type: "date" },
    { id: "status", type: "single_select", options: [{ value: "active" }, { value: "dormant" }] },
    { id: "tags", type: "multi_select", options: [{ value: "vip" }, { value: "new" }] },
    { id: "steps", type: "sub_table", fields: [] },
  ],
};

const config = buildFilterConfig(def, "zh");

function roundTrip(logic: object) {
  const tree = QbUtils.loadFromJsonLogic(logic as never, config);
  expect(tree, JSON.stringify(logic)).toBeDefined();
  return QbUtils.jsonLogicFormat(QbUtils.checkTree(tree!, config), config).logic;
}

describe("filter builder config", () => {
  it("leaves out unfilterable fields and labels the rest", () => {
    expect(Object.keys(config.fields)).toEqual(["name", "equity", "opened_at", "status", "tags"]);
    expect(config.fields.name.label).toBe("名称");
  });
  it.each([
    [{ ">=": [{ var: "equity" }, 1000000] }],
    [{ "in": [{ var: "status" }, ["active", "dormant"]] }],
    [{ "==": [{ var: "status" }, "active"] }],
    [{ "in": ["张", { var: "name" }] }],
    [{ "starts_with": [{ var: "name" }, "张"] }],
    [{ "contains": [{ var: "tags" }, "vip"] }],
    [{ ">=": [{ var: "opened_at" }, "2024-01-01"] }],
    [{ "and": [{ ">=": [{ var: "equity" }, 1] }, { "==": [{ var: "status" }, "active"] }] }],
  ])("round-trips %j", (logic) => {
    const out = roundTrip(logic);
    const expected = "and" in logic ? logic : { and: [logic] };
    expect(out).toEqual(expected);
  });
  it("speaks the UI's language, its own operator included", () => {
    expect(config.widgets.number.valuePlaceholder).toBe("请输入数值");
    const dateHints = (config.widgets.date as { valueLabels?: { placeholder: string }[] }).valueLabels;
    expect(dateHints?.map((l) => l.placeholder)).toEqual(["开始日期", "结束日期"]);
    expect(config.operators.has_option.label).toBe("包含");
    expect(config.settings.addRuleLabel).toBe("添加条件");
    const en = buildFilterConfig(def, "en");
    expect(en.widgets.select.valuePlaceholder).toBe("Choose a value");
    expect(en.operators.has_option.label).toBe("has");
    expect(en.fields.name.label).toBe("Name");
  });
  it("tells the number input how to read each numeric field", () => {
    const kindOf = (cfg: typeof config, id: string) =>
      (cfg.fields[id] as { fieldSettings?: { numberKind?: string } }).fieldSettings?.numberKind;
    expect(kindOf(config, "equity")).toBe("money");
    const other = buildFilterConfig({ ...def, fields: [{ id: "r", type: "percent" }, { id: "n", type: "integer" }] }, "zh");
    expect([kindOf(other, "r"), kindOf(other, "n")]).toEqual(["percent", "number"]);
  });
  it("writes unary operators in the short form the server reads", () => {
    expect(roundTrip({ is_empty: [{ var: "name" }] })).toEqual({ and: [{ is_empty: { var: "name" } }] });
  });
});
