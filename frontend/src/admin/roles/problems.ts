/** Problems publishing a role reports (422 `errors[]`, each with a JSON pointer), with the place
 * in words: "表单“客户” › 字段“身份证号”", "表单“客户” › 数据范围", "其他所有表单". */
import type { Text } from "../../api/types";

export interface RoleProblem {
  pointer?: string;
  code?: string;
  message?: Text | string;
}

export interface PlaceWords {
  form: (id: string) => string;
  scope: string;
  fields: string;
  allForms: string;
  role: string;
}

const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** Where a pointer points, in words. */
export function placeOf(pointer: string | undefined, w: PlaceWords): string {
  const parts = (pointer ?? "").split("/").slice(1).map(unescape);
  if (parts[0] === "all_forms") return w.allForms;
  if (parts[0] !== "forms" || parts[1] === undefined) return w.role;
  const form = parts[1];
  const out = [w.form(form)];
  if (parts[2] === "scope") out.push(w.scope);
  if ((parts[2] === "fields" || parts[2] === "visible") && parts[3] !== undefined) out.push(w.fields);
  return out.join(" › ");
}

/** The message without its leading "<pointer>:" (the place is said in words). */
export function problemMessage(p: RoleProblem, lang: "zh" | "en"): string {
  const m = typeof p.message === "string" ? { zh: p.message, en: p.message } : (p.message ?? {});
  const text = (lang === "en" ? m.en || m.zh : m.zh || m.en) || p.code || "";
  const pointer = p.pointer ?? "";
  for (const sep of [":", ": ", ":"]) if (pointer && text.startsWith(pointer + sep)) return text.slice(pointer.length + sep.length).trim();
  return text;
}
