/** Above a saved view's grid when the server left parts of the view out for this user (they name
 * fields the user may not see): which filter conditions, sort keys, columns, kanban grouping or
 * calendar field went, by field label (never a value), and that the user's row scope still holds. */
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { DroppedPart, ViewDef } from "../api/types";
import { useLang } from "../i18n/text";

const PARTS: DroppedPart[] = ["filter", "sort", "columns", "group_by", "date_field"];

export default function ViewNotice({ view }: { view?: ViewDef }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const dropped = view?.dropped;
  if (!dropped) return null;
  const lines = PARTS.filter((p) => dropped[p]?.length).map((part) => ({
    part,
    text: t("grid.trimmedPart", {
      part: t(`grid.trimmed.${part}`),
      fields: [...new Set(dropped[part]!.map((d) => `“${tx(d.label, d.field)}”`))].join(t("grid.fieldSep")),
    }),
  }));
  if (!lines.length) return null;
  return (
    <Alert type="warning" showIcon closable style={{ marginBottom: 12 }} data-testid="view-trimmed" className="trellis-view-notice"
      title={t("grid.viewTrimmed")}
      description={
        <>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {lines.map((l) => <li key={l.part} data-part={l.part}>{l.text}</li>)}
          </ul>
          <div style={{ marginTop: 4 }}>{t("grid.viewTrimmedScope")}</div>
        </>
      } />
  );
}
