/** The fields a change touched, each "label: before → after" with values shown as their field
 * type shows them (the history and the activity timeline). */
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../api/types";
import { useLang } from "../i18n/text";
import { displayText, isEmptyValue } from "../registries/format";

interface Props {
  fields: FieldDef[];
  keys: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** A value as text: its field's display, or JSON for a value of no known field. */
export function useShowValue(fields: FieldDef[]) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const byId = new Map(fields.map((f) => [f.id, f]));
  return (fieldId: string, v: unknown) => {
    const f = byId.get(fieldId);
    if (isEmptyValue(v)) return t("record.emptyValue");
    return f ? displayText(f, v, lang) : typeof v === "object" ? JSON.stringify(v) : String(v);
  };
}

export default function FieldChanges({ fields, keys, before, after }: Props) {
  const { tx } = useLang();
  const show = useShowValue(fields);
  const byId = new Map(fields.map((f) => [f.id, f]));
  if (!keys.length) return null;
  return (
    <ul className="trellis-activity-changes">
      {keys.map((k) => (
        <li key={k} className="trellis-timeline-change">
          <b>{tx(byId.get(k)?.label, k)}</b>: <del>{show(k, before?.[k])}</del> → <span>{show(k, after?.[k])}</span>
        </li>
      ))}
    </ul>
  );
}
