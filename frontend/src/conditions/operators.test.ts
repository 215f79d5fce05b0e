/** Contract: for every core field type, every operator its traits name is in the server's
 * table, and the builder writes exactly the JsonLogic that table defines (and reads it back). */
import { CoreConfig } from "@react-awesome-query-builder/antd";
import { describe, expect, it } from "vitest";
import { fieldTypeList, operatorTable } from "../api/fieldTypes";
import type { FieldDef } from "../api/types";
import { buildConditionConfig } from "./config";
import { conditionField, conditionFields } from "./fields";
import { logicFromTree, treeFromLogic } from "./logic";
import { ruleFor } from "./operators";

const OPTIONS = [{ value: "a", label: { zh: "甲" } }, { value: "b", label: { zh: "乙" } }];
const lookups = { departments: [{ id: 1, parent_id: null, code: "hq", name: "总部", children: [] }], search: async () => [{ value: 7, title: "张三" }] };
const SAMPLES: Record<string, [unknown, unknown]> = {
  text: ["ab", "cd"], number: [5, 9], boolean: [true, false], date: ["2024-01-05", "2024-02-01"],
  datetime: ["2024-01-05T09:30:00", "2024-02-01T00:00:00"],
};

const fields: FieldDef[] = fieldTypeList().map((t) => ({ id: `f_${t.key}`, type: t.key, options: OPTIONS }));
const config = buildConditionConfig(CoreConfig, conditionFields(fields, "zh", "condition", lookups), "zh", "condition");

function samples(f: FieldDef): [unknown, unknown] {
  const conf = config.fields[f.id] as { type: string };
  if (conf.type !== "select") return SAMPLES[conf.type];
  const t = fieldTypeList().find((x) => x.key === f.type)!;
  return t.references === "department" ? [1, 1] : t.references ? [7, 7] : ["a", "b"];
}

const cases = fields.flatMap((f) => {
  const conf = config.fields[f.id] as { operators?: string[] } | undefined;
  return (conf?.operators ?? []).map((op) => [f.type, op, f] as const);
});

describe("the operator table", () => {
  it("every type's operators are in the server's table", () => {
    const table = operatorTable();
    for (const t of fieldTypeList()) for (const op of t.operators) expect(table[op], `${t.key}: ${op}`).toBeDefined();
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases)("%s %s: the builder writes the server's JsonLogic", (_type, op, f) => {
    const table = operatorTable();
    const [a, b] = samples(f);
    const value = table[op].values === "list" ? [a] : [a, b];
    let rule = ruleFor(table, op, f.id, ...value) as Record<string, unknown>;
    if (table[op].values === 0) rule = { [table[op].logic]: { var: f.id } }; // the short form, as the server reads too
    const { tree, errors } = treeFromLogic(rule as never, config);
    expect(errors).toEqual([]);
    expect(logicFromTree(tree, config)).toEqual(rule);
  });

  it("a filter leaves out what the server does not filter on; a field condition has no list it lacks", () => {
    const json = fields.find((f) => f.type === "attachment")!;
    expect(conditionField(json, "zh", "filter", lookups)).toBeNull();
    expect(conditionField(json, "zh", "condition", lookups)?.operators).toEqual(["is_empty", "is_not_empty"]);
    const user = fields.find((f) => f.type === "user")!;
    expect(conditionField(user, "zh", "condition")?.operators).toEqual(["is_empty", "is_not_empty"]);
    expect(conditionField(user, "zh", "filter", lookups)?.type).toBe("select");
  });

  it("a type the server names only by its traits gets a builder field from them", () => {
    const table = operatorTable();
    expect(ruleFor(table, "select_not_any_in", "x", 1, 2)).toEqual({ "!": { in: [{ var: "x" }, [1, 2]] } });
    expect(conditionField({ id: "r", type: "no_such_type" }, "zh", "condition")).toBeNull();
  });
});
