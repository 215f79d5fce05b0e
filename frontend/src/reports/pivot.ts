/** A pivot table assembled from a report's figures: the row dimensions down the side (merged
 * cells, a 小计 row after each group the server subtotalled, a 总计 row), the column
 * dimensions across the top as nested headers (one leaf per measure when there are several,
 * a 小计 column after an outer column group the server subtotalled, a 总计 column when it
 * gave row totals). Every figure is the server's: a group's
 * subtotal is looked up in `data.subtotals` (a distinct count's total is not a sum), the
 * grand totals are `data.totals`; what the server did not give stays empty. */
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { OTHER, dimensionText } from "./format";
import type { Cell, ReportColumn, ReportData } from "./types";

export interface PivotTexts {
  subtotal: string;
  total: string;
}

export interface PivotHeader {
  key: string;
  title: string;
  children?: PivotHeader[];
}

/** A figure column: the measure it shows and the column dimensions' values it stands for. */
export interface PivotLeaf {
  key: string;
  measure: ReportColumn;
  /** column dimension id -> stored value (fewer on a 小计 column, none on the 总计 one) */
  at: Record<string, Cell>;
  kind: "detail" | "subtotal" | "total";
}

export interface PivotRow {
  key: string;
  kind: "detail" | "subtotal" | "total";
  /** row dimension id -> what its cell shows */
  labels: Record<string, string>;
  /** row dimension id -> its cell's spans (rowSpan 0 or colSpan 0: covered by another cell) */
  spans: Record<string, { rowSpan: number; colSpan: number }>;
  /** leaf key -> figure */
  cells: Record<string, number | null>;
  /** row dimension id -> stored value this row stands for (fewer on a subtotal, none on the total) */
  at: Record<string, Cell>;
}

export interface Pivot {
  rowDims: ReportColumn[];
  colDims: ReportColumn[];
  measures: ReportColumn[];
  headers: PivotHeader[];
  leaves: PivotLeaf[];
  rows: PivotRow[];
}

const setKey = (ids: Iterable<string>) => [...ids].sort().join("\u0001");

/** The dimensions down the side and across the top: the chart's `rows` / `columns`, else all
 * dimensions but the last down the side and the last across. */
export function pivotAxes(data: ReportData): { rows: ReportColumn[]; columns: ReportColumn[] } {
  const dims = data.columns.filter((c) => c.kind === "dimension");
  const byId = new Map(dims.map((d) => [d.id, d]));
  const pick = (ids: unknown) => (Array.isArray(ids) ? ids.map((id) => byId.get(String(id))).filter((d): d is ReportColumn => !!d) : null);
  const rows = pick(data.chart?.rows);
  const columns = pick(data.chart?.columns);
  if (rows || columns) {
    const used = new Set([...(rows ?? []), ...(columns ?? [])].map((d) => d.id));
    // a dimension named by neither goes down the side, so no figure is lost
    return { rows: [...(rows ?? []), ...dims.filter((d) => !used.has(d.id))], columns: columns ?? [] };
  }
  return dims.length > 1 ? { rows: dims.slice(0, -1), columns: dims.slice(-1) } : { rows: dims, columns: [] };
}

/** Figures by the set of dimensions they are grouped by, then by those dimensions' values. */
class Figures {
  private index = new Map<string, Map<string, Cell[]>>();
  private position: Map<string, number>;

  constructor(private data: ReportData, private dimIds: string[]) {
    this.position = new Map(data.columns.map((c, i) => [c.id, i]));
    this.add(dimIds, data.rows);
    for (const s of data.subtotals ?? []) this.add(s.by, s.rows);
  }

  has(by: string[]): boolean {
    return by.length === 0 || this.index.has(setKey(by));
  }

  private valuesKey(by: Set<string>, value: (id: string) => Cell): string {
    return JSON.stringify(this.dimIds.filter((id) => by.has(id)).map(value));
  }

  private add(by: string[], rows: Cell[][]) {
    const set = new Set(by);
    const map = this.index.get(setKey(by)) ?? new Map<string, Cell[]>();
    for (const row of rows) map.set(this.valuesKey(set, (id) => row[this.position.get(id) ?? -1] ?? null), row);
    this.index.set(setKey(by), map);
  }

  /** The measure's figure for the group with these dimension values (none: the grand total). */
  get(at: Record<string, Cell>, measure: string): number | null {
    const by = Object.keys(at);
    let value: unknown;
    if (by.length === 0) value = this.data.totals?.[measure];
    else {
      const row = this.index.get(setKey(by))?.get(this.valuesKey(new Set(by), (id) => at[id] ?? null));
      value = row ? row[this.position.get(measure) ?? -1] : null;
    }
    return typeof value === "number" ? value : null;
  }
}

interface Node {
  value: Cell;
  children: Node[];
  byValue: Map<string, Node>;
}

const node = (value: Cell): Node => ({ value, children: [], byValue: new Map() });

/** Where a value goes across the top: a period in time order, a select's values in its
 * options' order (others after them, 其他 last), else as they come. */
function rank(column: ReportColumn): ((v: Cell) => number | string) | null {
  if (column.bucket) return (v) => String(v ?? "");
  if (!column.labels) return null;
  const order = new Map(Object.keys(column.labels).map((k, i) => [k, i]));
  return (v) => (v === OTHER ? Number.MAX_SAFE_INTEGER : order.get(String(v)) ?? order.size);
}

/** The distinct value paths of `dims` in the rows, as a tree in the rows' order (`ordered`:
 * each level ranked as above). */
function tree(rows: Cell[][], dims: ReportColumn[], position: Map<string, number>, ordered = false): Node {
  const root = node(null);
  for (const row of rows) {
    let at = root;
    for (const d of dims) {
      const v = row[position.get(d.id) ?? -1] ?? null;
      const k = JSON.stringify(v);
      let next = at.byValue.get(k);
      if (!next) {
        next = node(v);
        at.byValue.set(k, next);
        at.children.push(next);
      }
      at = next;
    }
  }
  const sort = (n: Node, level: number) => {
    const by = ordered && dims[level] ? rank(dims[level]) : null;
    if (by) {
      n.children.sort((a, b) => {
        const x = by(a.value);
        const y = by(b.value);
        return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      });
    }
    n.children.forEach((c) => sort(c, level + 1));
  };
  sort(root, 0);
  return root;
}

export function buildPivot(data: ReportData, lang: Lang, texts: PivotTexts): Pivot {
  const { rows: rowDims, columns: colDims } = pivotAxes(data);
  const measures = data.columns.filter((c) => c.kind === "measure");
  const dimIds = data.columns.filter((c) => c.kind === "dimension").map((c) => c.id);
  const position = new Map(data.columns.map((c, i) => [c.id, i]));
  const figures = new Figures(data, dimIds);
  const rowIds = rowDims.map((d) => d.id);
  const colIds = colDims.map((d) => d.id);
  const title = (c: ReportColumn) => textOf(c.label, lang, c.id);

  // across the top
  const leaves: PivotLeaf[] = [];
  const leafHeaders = (key: string, at: Record<string, Cell>, kind: PivotLeaf["kind"]): PivotHeader[] =>
    measures.map((m) => {
      const leaf: PivotLeaf = { key: `${key}|${m.id}`, measure: m, at, kind };
      leaves.push(leaf);
      return { key: leaf.key, title: title(m) };
    });
  const headers: PivotHeader[] = [];
  const grouped = (key: string, title: string, cells: PivotHeader[]): PivotHeader =>
    (cells.length === 1 ? { ...cells[0], title } : { key, title, children: cells });
  if (colDims.length === 0) headers.push(...leafHeaders("c", {}, "detail"));
  else {
    const walk = (n: Node, level: number, at: Record<string, Cell>): PivotHeader => {
      const here = { ...at, [colIds[level]]: n.value };
      const key = `c${JSON.stringify(colIds.slice(0, level + 1).map((id) => here[id]))}`;
      const head: PivotHeader = { key, title: dimensionText(colDims[level], n.value, lang) };
      if (level + 1 === colDims.length) return grouped(key, head.title, leafHeaders(key, here, "detail"));
      head.children = n.children.map((c) => walk(c, level + 1, here));
      if (figures.has([...rowIds, ...colIds.slice(0, level + 1)])) {
        const sub = `s${key.slice(1)}`;
        head.children.push(grouped(sub, texts.subtotal, leafHeaders(sub, here, "subtotal")));
      }
      return head;
    };
    headers.push(...tree(data.rows, colDims, position, true).children.map((n) => walk(n, 0, {})));
    // row totals: the server grouped by the row dimensions alone (or there are none)
    const rowTotals = rowIds.length === 0 || (data.subtotals ?? []).some((s) => s.by.every((id) => rowIds.includes(id)));
    if (rowTotals) headers.push(grouped("t", texts.total, leafHeaders("t", {}, "total")));
  }

  // down the side
  const rows: PivotRow[] = [];
  const emit = (kind: PivotRow["kind"], values: Cell[]) => {
    const at: Record<string, Cell> = Object.fromEntries(values.map((v, i) => [rowIds[i], v]));
    const cells: Record<string, number | null> = {};
    for (const leaf of leaves) cells[leaf.key] = figures.get({ ...at, ...leaf.at }, leaf.measure.id);
    const labels: Record<string, string> = {};
    rowDims.forEach((d, i) => {
      if (i < values.length) labels[d.id] = dimensionText(d, values[i], lang);
      else if (i === values.length) labels[d.id] = kind === "total" ? texts.total : texts.subtotal;
      else labels[d.id] = "";
    });
    rows.push({ key: `${kind}${JSON.stringify(values)}`, kind, labels, spans: {}, cells, at });
  };
  const subtotalled = (k: number) => figures.has(rowIds.slice(0, k)) || figures.has([...rowIds.slice(0, k), ...colIds]);
  const down = (n: Node, level: number, values: Cell[]) => {
    if (level === rowDims.length) {
      emit("detail", values);
      return;
    }
    for (const child of n.children) {
      const here = [...values, child.value];
      down(child, level + 1, here);
      if (level + 1 < rowDims.length && subtotalled(level + 1)) emit("subtotal", here);
    }
  };
  down(tree(data.rows, rowDims, position), 0, []);
  if (rowDims.length > 0 && (colDims.length === 0 || figures.has(colIds) || leaves.some((l) => l.kind === "total"))) emit("total", []);

  // merged cells: a group's value spans its rows (its deeper subtotals included)
  rowDims.forEach((d, i) => {
    let start = -1;
    rows.forEach((row, r) => {
      const shown = Object.keys(row.at).length; // how many row dimensions the row stands for
      if (shown <= i) {
        row.spans[d.id] = { rowSpan: 1, colSpan: shown === i ? rowDims.length - i : 0 };
        start = -1;
        return;
      }
      const same = start >= 0 && rowIds.slice(0, i + 1).every((id) => rows[start].at[id] === row.at[id]);
      if (same) {
        rows[start].spans[d.id].rowSpan += 1;
        row.spans[d.id] = { rowSpan: 0, colSpan: 1 };
      } else {
        start = r;
        row.spans[d.id] = { rowSpan: 1, colSpan: 1 };
      }
    });
  });
  return { rowDims, colDims, measures, headers, leaves, rows };
}
