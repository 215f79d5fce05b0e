/**
 * The one operator table of the condition builders (the grid's filter and the designer's
 * field conditions): the server's table (GET /field-types `operators`, platform
 * forms/types/traits.py) names each operator and the JsonLogic it means; here is only how
 * the query builder writes the ones whose builder default differs, and the name of the one
 * it lacks (has_option). `ruleFor` writes a condition as the server's table says, for tests
 * and for code that builds filters without the builder.
 */
import type { Operator, Operators } from "@react-awesome-query-builder/antd";
import type { OperatorSpec } from "../api/types";
import type { Lang } from "../i18n";

/** Builder settings of Trellis' operators where the builder's own differ from the server's table. */
const OVERRIDES: Record<string, Partial<Operator>> = {
  starts_with: { jsonLogic: "starts_with" },
  ends_with: { jsonLogic: "ends_with" },
  is_empty: { jsonLogic: "is_empty" },
  is_not_empty: { jsonLogic: "not_empty" },
  has_option: { label: "has", labelForFormat: "HAS", cardinality: 1, jsonLogic: "contains", valueSources: ["value"] },
};

/** Names of the operators the builder does not know by itself. */
export const OWN_NAMES: Record<Lang, Record<string, string>> = { zh: { has_option: "包含" }, en: { has_option: "has" } };

/** The builder's operators with Trellis' settings over them. */
export function builderOperators(base: Operators): Operators {
  const out: Operators = { ...base };
  for (const [name, over] of Object.entries(OVERRIDES)) out[name] = { ...base[name], ...over } as Operator;
  return out;
}

/** Operators that pick among listed values (options, departments, users, records). */
export function picksFromList(name: string, table: Record<string, OperatorSpec>): boolean {
  return name.startsWith("select_") || table[name]?.logic === "contains";
}

/** The JsonLogic of `field <operator> values` as the server's table defines it. */
export function ruleFor(table: Record<string, OperatorSpec>, operator: string, field: string, ...values: unknown[]): unknown {
  const spec = table[operator];
  if (!spec) throw new Error(`unknown operator ${operator}`);
  const v = { var: field };
  const args = spec.values === 0 ? [v]
    : spec.values === 2 ? [values[0], v, values[1]]
    : spec.values === "list" ? [v, values]
    : spec.value_first ? [values[0], v] : [v, values[0]];
  const rule = { [spec.logic]: args };
  return spec.negated ? { "!": rule } : rule;
}
