/**
 * Where the server's problems with a report go in the designer. A refused save, publish or
 * preview answers 422 with problems carrying JSON pointers (/measures/0/field,
 * /chart/type, /sort/1/by); each is shown next to the part it names: a dimension's or a
 * measure's card, the filter, the sort, the limit, the comparison, the chart picker, the
 * report's name or form, else the report as a whole. Messages come in both languages and
 * start with their pointer, which the place already says.
 */
import { ApiError } from "../api/client";
import type { Text } from "../api/types";
import type { Lang } from "../i18n";

export interface Problem {
  pointer?: string;
  code?: string;
  message: Text | string;
  field?: string;
}

export const WHOLE = "report";
const SECTIONS = ["filter", "sort", "limit", "compare", "chart", "form"];
const NAME = ["id", "label", "description", "schema_version"];

/** The place of a problem with pointer `pointer`: `dimensions/<i>`, `measures/<i>`,
 * `dimensions`, `measures`, one of the sections, `name`, or WHOLE. */
export function placeOf(pointer: string | undefined): string {
  const parts = (pointer ?? "").split("/").slice(1);
  const [head, index] = parts;
  if (head === "dimensions" || head === "measures") return /^\d+$/.test(index ?? "") ? `${head}/${index}` : head;
  if (SECTIONS.includes(head)) return head;
  if (NAME.includes(head)) return "name";
  return WHOLE;
}

/** Problems by place. */
export function placeProblems(problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const at = placeOf(p.pointer);
    out.set(at, [...(out.get(at) ?? []), p]);
  }
  return out;
}

/** A problem's message in `lang`, without the pointer it starts with. */
export function problemText(p: Problem, lang: Lang): string {
  const m = p.message;
  const text = typeof m === "string" ? m : (lang === "en" ? m?.en || m?.zh : m?.zh || m?.en) || p.code || "";
  if (p.pointer && text.startsWith(p.pointer)) return text.slice(p.pointer.length).replace(/^\s*[:：]\s*/, "");
  return text;
}

/** The problems an error carries: a 422's list, else the error itself as one problem over the
 * whole report (a field the server cannot group by, a lost connection). */
export function problemsOf(err: unknown): Problem[] {
  if (err instanceof ApiError) {
    if (err.errors.length) return err.errors as Problem[];
    const field = typeof err.details?.field === "string" ? err.details.field : undefined;
    return [{ code: err.code, message: err.messages, field }];
  }
  return [{ message: err instanceof Error ? err.message : String(err) }];
}
