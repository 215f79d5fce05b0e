/** The fields a record card shows (a phone's grid) besides its title: the form's key figures (the
 * field ids among its `summary`) the user may see, then the grid's first columns; two at most. */
import type { FormDef } from "../api/types";

/** How many fields a card shows besides the title. */
export const CARD_FIELDS = 2;

export function cardFields(def: FormDef, columns: string[]): string[] {
  const visible = new Set(def.fields.map((f) => f.id));
  const summary = ((def as FormDef & { summary?: unknown[] }).summary ?? []).filter((s): s is string => typeof s === "string");
  const wanted = [...summary, ...columns].filter((id) => id !== def.title_field && visible.has(id));
  return [...new Set(wanted)].slice(0, CARD_FIELDS);
}
