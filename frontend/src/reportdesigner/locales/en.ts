/** Report designer texts (namespace "reportdesigner", loaded with the designer). */
import type zh from "./zh";

const en: typeof zh = {
  title: "Report designer",
  newTitle: "New report",
  design: "Design",
  drafts: "Unpublished drafts ({{n}})",
  back: "Back to reports",
  loadFailed: "The report could not be opened",
  retry: "Retry",
  toolbar: {
    save: "Save draft", publish: "Publish", saved: "Draft saved", published: "Version {{v}} published",
    publishFailed: "Publishing was refused: see the problems marked in red", saveFailed: "Saving was refused: see the problems marked in red",
    version: "published v{{v}}", neverPublished: "not published", unsaved: "unsaved changes", open: "Open report",
  },
  create: {
    title: "New report", form: "Form", formHelp: "The report aggregates this form's records", nameZh: "Name (Chinese)", nameEn: "Name (English)",
    id: "ID", idHelp: "Made from the name, editable: a lower-case letter first, then letters, digits and underscores; fixed once created",
    idBad: "A lower-case letter first, then lower-case letters, digits and underscores (41 at most)", idTaken: "A report with this ID exists",
    ok: "Start designing", cancel: "Cancel",
  },
  name: { zh: "Name", en: "English name", id: "ID", form: "Form" },
  fields: {
    title: "Fields", search: "Search fields", records: "Records", recordsHelp: "Drag to measures: counts the records",
    own: "This form", via: "Related: {{name}}", none: "No field matches", add: "Add", asDimension: "As a dimension", asMeasure: "As a measure",
    dragHint: "Drag a field onto the dimensions or the measures, or use the + next to it",
  },
  zones: {
    dimensions: "Dimensions", dimensionsHelp: "grouped by (at most {{n}})", measures: "Measures", measuresHelp: "what is computed (at most {{n}})",
    dropDimension: "Drop a field here to group by it", dropMeasure: "Drop a field here to compute it",
    full: "No more room", duplicate: "This field is a dimension already", notDimension: "This field cannot be a dimension", notMeasure: "This field cannot be aggregated",
    formula: "Formula measure",
  },
  dimension: {
    period: "Period", top: "Top N", topHelp: "Keep the N largest (by the first measure); the rest are one group, Other", remove: "Remove dimension", move: "Drag to reorder",
  },
  periods: { day: "Day", trading_day: "Trading day", week: "Week", month: "Month", quarter: "Quarter", year: "Year" },
  aggs: {
    count: "Count", count_distinct: "Distinct count", sum: "Sum", avg: "Average", min: "Min", max: "Max", median: "Median", percentile: "Percentile",
  },
  formats: { number: "Number", percent: "Percent", money: "Money" },
  measure: {
    agg: "Aggregate", p: "Percentile", format: "Format", filter: "Filter", filterTitle: "Aggregate only the records that match", filterOn: "Filter: {{text}}",
    settings: "Name and ID", labelZh: "Name (Chinese)", labelEn: "Name (English)", id: "ID", idBad: "A lower-case letter first, then lower-case letters, digits and underscores",
    idTaken: "A measure or dimension has this ID", remove: "Remove measure", formula: "Formula", editFormula: "Edit formula",
  },
  formula: {
    title: "Formula measure", editTitle: "Edit formula measure", simple: "Pick measures", json: "JsonLogic", left: "Measure", op: "Operator", right: "Measure or number",
    number: "Number", hundred: "Result × 100", label: "Name", labelEn: "English name", format: "Format",
    needEarlier: "A formula works on the measures before it: add an aggregated measure first", badJson: "Not valid JSON", badShape: "A JsonLogic object, e.g. {\"/\": [{\"var\": \"a\"}, {\"var\": \"b\"}]}",
    unknown: "The formula names measures not defined before it: {{ids}}", earlier: "Measures available: {{ids}}", ok: "OK", cancel: "Cancel", needLabel: "Give it a name",
    ops: { "+": "plus", "-": "minus", "*": "times", "/": "divided by" },
  },
  filter: {
    title: "Filter", help: "Only the records that match are counted", none: "All records", edit: "Set conditions", clear: "Clear", modal: "Report filter",
    ok: "OK", cancel: "Cancel", loading: "Loading the condition editor…",
  },
  sort: {
    title: "Sort and rows", by: "Sort by", asc: "Ascending", desc: "Descending", add: "Add sort", none: "In the dimensions' own order",
    limit: "Show at most", limitPlaceholder: "no limit", rows: "rows", dimension: "Dimension", measure: "Measure",
  },
  compare: {
    title: "Compare with the previous period", help: "The current period (holding today) beside the one before", field: "Date field", period: "Period", noDates: "The form has no date field",
  },
  chart: {
    title: "Chart", fits: "Needs {{d}} dimensions and {{m}} measures", range: "{{lo}}–{{hi}}",
    stacked: "Stacked", grouped: "Grouped", horizontal: "Horizontal", donut: "Donut", rows: "Rows", columns: "Columns", subtotals: "Subtotals",
    pivotHelp: "Put each dimension on the rows or the columns", layout: "Layout", headline: "Headline measure", headlineHelp: "The measure shown large, the others small",
    types: {
      bar: "Bar", line: "Line", area: "Area", pie: "Pie", scatter: "Scatter", heatmap: "Heatmap",
      funnel: "Funnel", kpi: "KPI card", table: "Table", pivot: "Pivot table",
    },
  },
  preview: {
    title: "Live preview", hint: "Drag a field onto the measures to see the report here", updating: "Updating…", meta: "{{rows}} rows · query {{ms}} ms",
    problems: "The preview cannot be updated: see the problems in red", problemsStale: "The preview cannot be updated: see the problems in red (below, the last preview that worked)",
  },
};

export default en;
