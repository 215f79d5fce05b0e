/**
 * Pure helpers of the formula editor: a field's reference as written in a formula (its label,
 * in brackets when it is not one plain word), inserting text at the caret (the new caret after
 * it), a function's call opening, the span of a reported error clamped to the text, and the
 * functions grouped by category with a search over names, aliases and help.
 */

/** Characters that keep a label a plain word in a formula: letters (any script), digits, _. */
const PLAIN = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** How field `label` is written in a formula: as is when one plain word, else `{label}` (a
 * label cannot hold "}" there: it is left out). */
export function fieldRef(label: string): string {
  const text = label.trim();
  return PLAIN.test(text) ? text : `{${text.replace(/}/g, "")}}`;
}

export interface Edit {
  text: string;
  /** where the caret goes after the insertion */
  caret: number;
}

/** `text` with `insert` put in place of [start, end) (the selection); the caret after it. */
export function insertAt(text: string, start: number, end: number, insert: string): Edit {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}

/** `text` with a field reference at the caret, spaced from a word right before it. */
export function insertField(text: string, start: number, end: number, label: string): Edit {
  const before = text.slice(0, Math.max(0, start));
  const pad = before && /[\p{L}\p{N}_}"]$/u.test(before) ? " " : "";
  return insertAt(text, start, end, pad + fieldRef(label));
}

/** `text` with the opening of a call of `name` at the caret ("ROUND("), the caret inside it. */
export function insertFunction(text: string, start: number, end: number, name: string): Edit {
  return insertAt(text, start, end, `${name}(`);
}

export interface Span {
  start: number;
  end: number;
}

/** The error's span in `text` (position and length as the server reports them, 0-based),
 * clamped; an error past the end marks the end (as one blank column). */
export function errorSpan(text: string, position: unknown, length: unknown): Span | null {
  if (typeof position !== "number" || !Number.isFinite(position)) return null;
  const start = Math.max(0, Math.min(Math.trunc(position), text.length));
  const len = typeof length === "number" && length > 0 ? Math.trunc(length) : 1;
  return { start, end: Math.min(text.length, start + len) };
}

/** The line and column (1-based) of offset `at` in `text`. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export interface FormulaFunction {
  name: string;
  aliases?: string[];
  args?: unknown[];
  type?: string;
  category?: string;
  help?: { zh?: string; en?: string };
  example?: string;
}

/** The categories in the order the picker shows them; others follow by name. */
export const CATEGORY_ORDER = "logic number text date aggregate decision".split(" ");

/** `fns` matching `query` (name, alias or help, case-insensitive) grouped by category. */
export function groupFunctions(fns: FormulaFunction[], query = ""): { category: string; items: FormulaFunction[] }[] {
  const q = query.trim().toLowerCase();
  const hit = (f: FormulaFunction) => !q || [f.name, ...(f.aliases ?? []), f.help?.zh ?? "", f.help?.en ?? ""]
    .some((s) => s.toLowerCase().includes(q));
  const groups = new Map<string, FormulaFunction[]>();
  for (const f of fns.filter(hit)) {
    const c = f.category || "other";
    groups.set(c, [...(groups.get(c) ?? []), f]);
  }
  const rank = (c: string) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, items]) => ({ category, items: [...items].sort((x, y) => x.name.localeCompare(y.name)) }));
}
