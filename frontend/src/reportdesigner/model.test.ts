import { describe, expect, it } from "vitest";
import { traitsOf } from "../api/fieldTypes";
import type { FieldDef, FormDef } from "../api/types";
import { dropAction, DIMENSIONS_ZONE, dimensionDnd, fieldDnd, MEASURES_ZONE, measureDnd, RECORDS } from "./dnd";
import { chartFits, keepOptions, pivotAxes, placeOnAxis } from "./charts";
import { byPath, fieldGroups } from "./fields";
import { formulaText, formulaVars, parseFormula, readSimple, renameVars, simpleFormula } from "./formula";
import {
  addDimension, addFormula, addMeasure, aggregatesFor, allowsPeriods, autoLabel, blankReport, fromDefinition, groupable,
  measureIdProblem, moveDimension, moveMeasure, removeDimension, removeMeasure, reportIdFromLabel, setChartOption,
  setChartType, setCompare, setLimit, setSort, slugId, sortColumns, toDefinition, uniqueId, updateDimension,
  updateMeasure, type FieldChoice, type ReportDef,
} from "./model";
import { placeOf, placeProblems, problemText } from "./problems";

const f = (id: string, type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ id, type, label: { zh: id.toUpperCase(), en: id }, ...extra });
const CLIENT: FormDef = {
  id: "client", label: { zh: "客户", en: "Client" }, actions: ["read"],
  fields: [
    f("name", "text"), f("risk_level", "single_select"), f("equity", "money"), f("margin_ratio", "percent"),
    f("opened_at", "date"), f("account_manager", "user"), f("branch", "department"), f("tags", "multi_select"),
    f("introducing_broker", "relation", { target: "introducing_broker", label: { zh: "居间人", en: "Broker" } }),
    f("old", "text", { deleted: true }),
  ],
};
const BROKER: FormDef = {
  id: "introducing_broker", label: { zh: "居间人" }, actions: ["read"],
  fields: [f("name", "text", { label: { zh: "姓名", en: "Name" } }), f("rate", "percent"), f("client", "relation", { target: "client" })],
};
const FIELDS = byPath(fieldGroups(CLIENT, { introducing_broker: BROKER }));
const field = (path: string): FieldChoice => {
  const found = FIELDS.get(path);
  if (!found) throw new Error(`no field ${path}`);
  return found;
};
const blank = (): ReportDef => blankReport("client", "r", { zh: "报表" });
const must = (r: { def: ReportDef; problem?: string }) => {
  expect(r.problem).toBeUndefined();
  return r.def;
};

describe("what a field allows", () => {
  it("sums, averages, medians and percentiles numbers only", () => {
    expect(aggregatesFor(traitsOf("money"))).toEqual(["count", "count_distinct", "sum", "avg", "min", "max", "median", "percentile"]);
    expect(aggregatesFor(traitsOf("text"))).toEqual(["count", "count_distinct"]);
    expect(aggregatesFor(traitsOf("date"))).toEqual(["count", "count_distinct", "min", "max"]);
  });

  it("counts people, departments and related records, never sums them", () => {
    for (const type of ["relation", "user", "department"]) {
      expect(aggregatesFor(traitsOf(type))).toEqual(["count", "count_distinct"]);
    }
  });

  it("aggregates no JSON and groups by no list; periods for dates", () => {
    expect(aggregatesFor(traitsOf("multi_select"))).toEqual([]);
    expect(groupable(traitsOf("multi_select"))).toBe(false);
    expect(groupable(traitsOf("single_select"))).toBe(true);
    expect(allowsPeriods(traitsOf("datetime"))).toBe(true);
    expect(allowsPeriods(traitsOf("integer"))).toBe(false);
  });

  it("lists the form's fields, the system times and the related form's fields one hop away", () => {
    const groups = fieldGroups(CLIENT, { introducing_broker: BROKER });
    expect(groups.map((g) => g.form)).toEqual(["client", "introducing_broker"]);
    expect(groups[0].fields.map((c) => c.path)).toEqual([
      "name", "risk_level", "equity", "margin_ratio", "opened_at", "account_manager", "branch", "introducing_broker",
      "created_at", "updated_at", "created_by",
    ]);
    expect(groups[1].fields.map((c) => c.path)).toEqual(["introducing_broker.name", "introducing_broker.rate"]);
    expect(field("introducing_broker.name").label).toEqual({ zh: "居间人 · 姓名", en: "Broker · Name" });
    expect(field("equity").format).toBe("money");
    expect(field("opened_at").periods).toBe(true);
    expect(fieldGroups(CLIENT, {}).length).toBe(1);
  });
});

describe("ids and labels", () => {
  it("makes ids of words", () => {
    expect(slugId("Equity by branch")).toBe("equity_by_branch");
    expect(slugId("2024 Équité!")).toBe("equite");
    expect(slugId("客户权益")).toBe("");
    expect(uniqueId("equity", ["equity", "equity_2"])).toBe("equity_3");
    expect(uniqueId("", [])).toBe("measure");
    expect(uniqueId("a".repeat(60), ["a".repeat(41)])).toBe(`${"a".repeat(39)}_2`);
  });

  it("names a new report from its English name, else after its form", () => {
    expect(reportIdFromLabel({ zh: "客户权益", en: "Client equity" }, "client")).toBe("client_equity");
    expect(reportIdFromLabel({ zh: "客户权益" }, "client", ["client_report"])).toBe("client_report_2");
  });
});

describe("dimensions", () => {
  it("adds a field, a date by month, a related field with its label", () => {
    let def = must(addDimension(blank(), field("risk_level")));
    def = must(addDimension(def, field("opened_at"), 0));
    def = must(addDimension(def, field("introducing_broker.name")));
    expect(def.dimensions).toEqual([
      { field: "opened_at", bucket: "month" }, { field: "risk_level" },
      { field: "introducing_broker.name", label: { zh: "居间人 · 姓名", en: "Broker · Name" } },
    ]);
  });

  it("refuses a duplicate, a fifth and a field that cannot group", () => {
    const def = must(addDimension(blank(), field("risk_level")));
    expect(addDimension(def, field("risk_level")).problem).toBe("duplicate");
    expect(addDimension(def, { ...field("name"), dimension: false }).problem).toBe("not_dimension");
    let full = def;
    for (const p of ["name", "equity", "branch"]) full = must(addDimension(full, field(p)));
    expect(addDimension(full, field("account_manager")).problem).toBe("full");
  });

  it("keeps one top N, never on a period", () => {
    let def = must(addDimension(must(addDimension(blank(), field("risk_level"))), field("branch")));
    def = updateDimension(def, 0, { top: 5 });
    def = updateDimension(def, 1, { top: 3 });
    expect(def.dimensions).toEqual([{ field: "risk_level" }, { field: "branch", top: 3 }]);
    def = updateDimension(def, 1, { bucket: "month" });
    expect(def.dimensions[1]).toEqual({ field: "branch", bucket: "month" });
    def = updateDimension(def, 1, { bucket: "trading_day" });
    expect(toDefinition(def).dimensions).toEqual([{ field: "risk_level" }, { field: "branch", bucket: "trading_day" }]);
    def = updateDimension(def, 1, { bucket: undefined });
    expect(def.dimensions[1]).toEqual({ field: "branch" });
  });

  it("removes one with the sort keys and pivot axes naming it; moves them", () => {
    let def = must(addDimension(must(addDimension(blank(), field("risk_level"))), field("branch")));
    def = must(addMeasure(def, null));
    def = setSort(def, [{ by: "branch" }, { by: "records", desc: true }]);
    def = setChartOption(setChartType(def, "pivot"), "rows", ["risk_level", "branch"]);
    def = removeDimension(def, 1);
    expect(def.sort).toEqual([{ by: "records", desc: true }]);
    expect(def.chart.rows).toEqual(["risk_level"]);
    expect(must(addDimension(def, field("name"))).chart.rows).toEqual(["risk_level", "name"]);
    def = must(addDimension(def, field("name")));
    expect(moveDimension(def, 1, 0).dimensions.map((d) => d.field)).toEqual(["name", "risk_level"]);
  });
});

describe("measures", () => {
  it("sums money by default, counts the rest, ids unique and apart from dimensions", () => {
    let def = must(addDimension(blank(), field("equity")));
    def = must(addMeasure(def, field("equity")));
    def = must(addMeasure(def, field("equity")));
    def = must(addMeasure(def, field("account_manager")));
    def = must(addMeasure(def, null));
    expect(def.measures).toEqual([
      { id: "equity_sum", label: { zh: "EQUITY(求和)", en: "equity (sum)" }, agg: "sum", field: "equity", format: "money" },
      { id: "equity_sum_2", label: { zh: "EQUITY(求和)", en: "equity (sum)" }, agg: "sum", field: "equity", format: "money" },
      { id: "account_manager_count", label: { zh: "ACCOUNT_MANAGER(计数)", en: "account_manager (count)" }, agg: "count",
        field: "account_manager", format: "number" },
      { id: "records", label: { zh: "记录数", en: "Records" }, agg: "count", format: "number" },
    ]);
    expect(addMeasure(def, field("account_manager"), undefined, "sum").def.measures.at(-1)?.agg).toBe("count");
    expect(addMeasure(def, { ...field("name"), aggregates: [] }).problem).toBe("not_measure");
  });

  it("refuses a 21st", () => {
    let def = blank();
    for (let i = 0; i < 20; i += 1) def = must(addMeasure(def, null));
    expect(def.measures.at(-1)?.id).toBe("records_20");
    expect(addMeasure(def, null).problem).toBe("full");
  });

  it("renames a measure the designer named when its aggregate changes, wherever it is named", () => {
    let def = must(addMeasure(blank(), field("equity")));
    def = must(addMeasure(def, null));
    def = must(addFormula(def, simpleFormula({ left: "equity_sum", op: "/", right: "records" }), { zh: "户均", en: "Per client" }));
    def = setSort(def, [{ by: "equity_sum", desc: true }]);
    def = updateMeasure(def, 0, { agg: "avg" }, field("equity"));
    expect(def.measures[0]).toMatchObject({ id: "equity_average", agg: "avg", label: { zh: "EQUITY(平均)", en: "equity (average)" } });
    expect(def.measures[2].formula).toEqual({ "/": [{ var: "equity_average" }, { var: "records" }] });
    expect(def.sort).toEqual([{ by: "equity_average", desc: true }]);
    def = updateMeasure(def, 0, { agg: "percentile" }, field("equity"));
    expect(def.measures[0]).toMatchObject({ id: "equity_p90", p: 0.9, label: { zh: "EQUITY(P90)" } });
    def = updateMeasure(def, 0, { agg: "count" }, field("equity"));
    expect(def.measures[0].p).toBeUndefined();
    expect(def.measures[0].format).toBe("number");
  });

  it("keeps a label and id the user gave", () => {
    let def = must(addMeasure(blank(), field("equity")));
    def = updateMeasure(def, 0, { label: { zh: "权益", en: "Equity" } }, field("equity"));
    def = updateMeasure(def, 0, { id: "eq" }, field("equity"));
    def = updateMeasure(def, 0, { agg: "max" }, field("equity"));
    expect(def.measures[0]).toMatchObject({ id: "eq", agg: "max", label: { zh: "权益", en: "Equity" } });
    expect(measureIdProblem(must(addMeasure(def, null)), 1, "eq")).toBe("duplicate");
    expect(measureIdProblem(def, 0, "Eq")).toBe("pattern");
    expect(measureIdProblem(def, 0, "eq")).toBeNull();
  });

  it("sets and clears a measure's own filter", () => {
    let def = must(addMeasure(blank(), null));
    def = updateMeasure(def, 0, { filter: { ">=": [{ var: "nps" }, 9] } });
    expect(def.measures[0].filter).toEqual({ ">=": [{ var: "nps" }, 9] });
    def = updateMeasure(def, 0, { filter: null });
    expect("filter" in def.measures[0]).toBe(false);
  });

  it("removes one with the sort and colours naming it; moves them", () => {
    let def = must(addMeasure(must(addMeasure(blank(), null)), field("equity")));
    def = setSort(def, [{ by: "records" }]);
    def = setChartOption(setChartType(def, "pivot"), "colour", { measure: "records" });
    def = removeMeasure(def, 0);
    expect(def.sort).toBeUndefined();
    expect(def.chart.colour).toBeUndefined();
    def = must(addMeasure(def, null));
    expect(moveMeasure(def, 1, 0).measures.map((m) => m.id)).toEqual(["records", "equity_sum"]);
    expect(sortColumns(def).map((c) => c.by)).toEqual(["equity_sum", "records"]);
  });
});

describe("the definition", () => {
  it("is written in the schema's order with only what is set", () => {
    let def = must(addDimension(blank(), field("opened_at")));
    def = must(addMeasure(def, field("equity")));
    def = updateMeasure(def, 0, { agg: "percentile" }, field("equity"));
    def = must(addFormula(def, { "*": [{ var: "equity_p90" }, 2] }, { zh: "两倍", en: "" }, "money"));
    def = setLimit(setSort(def, [{ by: "opened_at", desc: false }]), 10.4);
    def = setCompare(def, { field: "opened_at", period: "month" });
    def = setChartOption(setChartType(def, "bar"), "horizontal", true);
    const out = toDefinition({ ...def, filter: null, label: { zh: " 报表 ", en: "" } });
    expect(Object.keys(out)).toEqual(["schema_version", "id", "label", "form", "dimensions", "measures", "sort", "limit", "compare", "chart"]);
    expect(out.label).toEqual({ zh: "报表" });
    expect(out.measures).toEqual([
      { id: "equity_p90", label: { zh: "EQUITY(P90)", en: "equity (p90)" }, agg: "percentile", p: 0.9, field: "equity", format: "money" },
      { id: "formula", label: { zh: "两倍" }, formula: { "*": [{ var: "equity_p90" }, 2] }, format: "money" },
    ]);
    expect(out.sort).toEqual([{ by: "opened_at" }]);
    expect(out.limit).toBe(10);
    expect(out.chart).toEqual({ type: "bar", horizontal: true });
    expect(setLimit(def, null).limit).toBeUndefined();
    expect(setLimit(def, 99999).limit).toBe(10000);
  });

  it("reads a stored definition", () => {
    const def = fromDefinition({ schema_version: 1, id: "x", label: { zh: "X" }, form: "client", measures: [{ id: "n", agg: "count" }] });
    expect(def.dimensions).toEqual([]);
    expect(def.chart).toEqual({ type: "table" });
    expect(toDefinition(def)).toEqual({ schema_version: 1, id: "x", label: { zh: "X" }, form: "client",
      measures: [{ id: "n", agg: "count" }], chart: { type: "table" } });
  });
});

describe("charts", () => {
  it("know the dimensions and measures they show", () => {
    expect(chartFits("pie", 1, 1)).toBe(true);
    expect(chartFits("pie", 1, 2)).toBe(false);
    expect(chartFits("heatmap", 1, 1)).toBe(false);
    expect(chartFits("kpi", 0, 1)).toBe(true);
    expect(chartFits("plugin_chart", 9, 9)).toBe(true);
  });

  it("keep the options their type reads, defaults left out", () => {
    let def = setChartOption(setChartType(blank(), "bar"), "stack", false);
    def = setChartOption(def, "horizontal", false);
    expect(keepOptions(def.chart, [], [])).toEqual({ type: "bar", stack: false });
    expect(setChartType(def, "pie").chart).toEqual({ type: "pie" });
    expect(keepOptions({ type: "pivot", subtotals: true, rows: ["a", "gone"], colour: { measure: "gone" } }, ["a"], ["m"]))
      .toEqual({ type: "pivot", rows: ["a"] });
  });

  it("keep a KPI card's headline measure while it is one, renamed with it", () => {
    let def = must(addMeasure(must(addMeasure(blank(), null)), field("equity")));
    def = setChartOption(setChartType(def, "kpi"), "measure", "equity_sum");
    def = updateMeasure(def, 1, { agg: "avg" }, field("equity"));
    expect(def.chart.measure).toBe("equity_average");
    expect(toDefinition(def).chart).toEqual({ type: "kpi", measure: "equity_average" });
    expect(removeMeasure(def, 1).chart).toEqual({ type: "kpi" });
    expect(keepOptions({ type: "kpi", measure: "gone" }, [], ["records"])).toEqual({ type: "kpi" });
  });

  it("place a pivot's dimensions as the server does", () => {
    expect(pivotAxes({ type: "pivot" }, ["a", "b", "c"])).toEqual({ rows: ["a", "b"], columns: ["c"] });
    expect(pivotAxes({ type: "pivot" }, ["a"])).toEqual({ rows: ["a"], columns: [] });
    const moved = placeOnAxis({ type: "pivot" }, ["a", "b", "c"], "a", "columns");
    expect(pivotAxes(moved, ["a", "b", "c"])).toEqual({ rows: ["b"], columns: ["c", "a"] });
    expect(pivotAxes(placeOnAxis(moved, ["a", "b", "c"], "c", "rows"), ["a", "b", "c"])).toEqual({ rows: ["b", "c"], columns: ["a"] });
  });
});

describe("formulas", () => {
  it("build and read the simple form", () => {
    const logic = simpleFormula({ left: "a", op: "/", right: "b", hundred: true });
    expect(logic).toEqual({ "*": [{ "/": [{ var: "a" }, { var: "b" }] }, 100] });
    expect(readSimple(logic)).toEqual({ left: "a", op: "/", right: "b", hundred: true });
    expect(readSimple({ "-": [{ var: "a" }, 3] })).toEqual({ left: "a", op: "-", right: 3 });
    expect(readSimple({ "/": [{ "-": [{ var: "a" }, { var: "b" }] }, { var: "c" }] })).toBeNull();
    expect(formulaText(logic, (id) => id.toUpperCase())).toBe("A ÷ B × 100");
    expect(formulaText({ "*": [{ "/": [{ "-": [{ var: "p" }, { var: "d" }] }, { var: "n" }] }, 100] }, (id) => id))
      .toBe("(p − d) ÷ n × 100");
    expect(formulaText({ "-": [{ var: "a" }, { "+": [{ var: "b" }, 1] }] }, (id) => id)).toBe("a − (b + 1)");
    expect(formulaText({ if: [true, 1, 2] }, (id) => id)).toBe('{"if":[true,1,2]}');
  });

  it("name and rename measures; typed JSON is checked", () => {
    const logic = { "/": [{ "-": [{ var: "p" }, { var: "d" }] }, { var: "n" }] };
    expect(formulaVars(logic)).toEqual(["p", "d", "n"]);
    expect(renameVars(logic, "d", "x")).toEqual({ "/": [{ "-": [{ var: "p" }, { var: "x" }] }, { var: "n" }] });
    expect(parseFormula("{", [])).toEqual({ error: "json" });
    expect(parseFormula("[1]", [])).toEqual({ error: "shape" });
    expect(parseFormula(JSON.stringify(logic), ["p", "n"])).toEqual({ logic, unknown: ["d"] });
  });
});

describe("problems", () => {
  it("go to the part their pointer names", () => {
    expect(placeOf("/measures/0/field")).toBe("measures/0");
    expect(placeOf("/measures")).toBe("measures");
    expect(placeOf("/dimensions/2/bucket")).toBe("dimensions/2");
    expect(placeOf("/chart/type")).toBe("chart");
    expect(placeOf("/sort/1/by")).toBe("sort");
    expect(placeOf("/label")).toBe("name");
    expect(placeOf("")).toBe("report");
    expect(placeOf(undefined)).toBe("report");
    const placed = placeProblems([{ pointer: "/measures/1/p", message: "a" }, { pointer: "/measures/1", message: "b" }]);
    expect(placed.get("measures/1")?.length).toBe(2);
  });

  it("read in the UI language without their pointer", () => {
    const p = { pointer: "/measures/0/field", message: { zh: "/measures/0/field:字段 name 不是数值", en: "/measures/0/field: field name is not a number" } };
    expect(problemText(p, "zh")).toBe("字段 name 不是数值");
    expect(problemText(p, "en")).toBe("field name is not a number");
    expect(problemText({ message: { zh: "只有中文" } }, "en")).toBe("只有中文");
  });
});

describe("labels", () => {
  it("of a count of records and a percentile", () => {
    expect(autoLabel(null, "count")).toEqual({ zh: "记录数", en: "Records" });
    expect(autoLabel(field("equity"), "percentile", 0.5)).toEqual({ zh: "EQUITY(P50)", en: "equity (p50)" });
  });
});

describe("drops", () => {
  let def = must(addDimension(must(addDimension(blank(), field("risk_level"))), field("branch")));
  def = must(addMeasure(must(addMeasure(def, null)), field("equity")));

  it("add a field where it lands", () => {
    expect(dropAction(fieldDnd("equity"), MEASURES_ZONE, def)).toEqual({ kind: "addMeasure", path: "equity", at: undefined });
    expect(dropAction(fieldDnd("equity"), measureDnd("equity_sum"), def)).toEqual({ kind: "addMeasure", path: "equity", at: 1 });
    expect(dropAction(fieldDnd(RECORDS), MEASURES_ZONE, def)).toEqual({ kind: "addMeasure", path: null, at: undefined });
    expect(dropAction(fieldDnd("name"), dimensionDnd("branch"), def)).toEqual({ kind: "addDimension", path: "name", at: 1 });
    expect(dropAction(fieldDnd(RECORDS), DIMENSIONS_ZONE, def)).toBeNull();
    expect(dropAction(fieldDnd("name"), null, def)).toBeNull();
  });

  it("move a card within its zone only", () => {
    expect(dropAction(dimensionDnd("risk_level"), dimensionDnd("branch"), def)).toEqual({ kind: "moveDimension", from: 0, to: 1 });
    expect(dropAction(measureDnd("equity_sum"), MEASURES_ZONE, def)).toBeNull();
    expect(dropAction(measureDnd("records"), MEASURES_ZONE, def)).toEqual({ kind: "moveMeasure", from: 0, to: 1 });
    expect(dropAction(measureDnd("records"), DIMENSIONS_ZONE, def)).toBeNull();
  });
});
