/** A refused action's problems, split for showing: the ones naming a field of the record (under
 * that field), the ones naming an input of the action's modal (`comment`, `to`, `users`,
 * `position`: under it), and the rest with the error's own message (at the top), all in the
 * user's language. */
import { ApiError, errorText } from "../api/client";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";

export const MODAL_INPUTS = new Set(["comment", "to", "users", "position", "attachments"]);

export interface SplitErrors {
  fields: Record<string, string>;
  inputs: Record<string, string>;
  top: string | null;
}

export function splitErrors(err: unknown, lang: Lang, recordFields: Set<string>): SplitErrors {
  const out: SplitErrors = { fields: {}, inputs: {}, top: null };
  const loose: string[] = [];
  if (err instanceof ApiError) {
    for (const e of err.errors) {
      const text = textOf(e.message, lang) || e.code || "";
      if (e.field && recordFields.has(e.field)) out.fields[e.field] = out.fields[e.field] ? `${out.fields[e.field]}; ${text}` : text;
      else if (e.field && MODAL_INPUTS.has(e.field)) out.inputs[e.field] = text;
      else loose.push(text);
    }
    const named = typeof err.details?.field === "string" ? err.details.field : null;
    if (named && !err.errors.length) {
      const text = errorText(err, lang);
      if (recordFields.has(named)) out.fields[named] = text;
      else if (MODAL_INPUTS.has(named)) out.inputs[named] = text;
      else loose.push(text);
      out.top = loose.length ? loose.join(lang === "en" ? "; " : ";") : null;
      return out;
    }
  }
  out.top = [errorText(err, lang), ...loose.filter((l) => l !== errorText(err, lang))].join(lang === "en" ? "; " : ";");
  return out;
}
