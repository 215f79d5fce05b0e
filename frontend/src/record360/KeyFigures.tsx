/** The key figures of a record's header (the form's `summary`: for a client its equity, this
 * month's P&L, tier, open tickets and last contact), each shown as its field type shows a
 * value; a figure counted over related records opens their tab. Figures the viewer may not see
 * never arrive from the server. */
import { Skeleton, Typography } from "antd";
import { cellFor } from "../registries";
import { isEmptyValue } from "../registries/format";
import { useLang } from "../i18n/text";
import type { KeyFigure } from "./types";
import { useRecord360Text } from "./i18n";
import "./record360.css";

interface Props {
  app: string;
  form: string;
  figures: KeyFigure[] | undefined;
  /** open the related tab of an aggregate figure */
  onOpenRelated?: (form: string, field: string) => void;
}

export default function KeyFigures({ app, form, figures, onOpenRelated }: Props) {
  const { t } = useRecord360Text();
  const { tx } = useLang();
  if (!figures) return <Skeleton.Input active size="small" block className="trellis-record-figures-loading" />;
  if (!figures.length) return null;
  return (
    <div className="trellis-record-figures" data-testid="record-figures" aria-label={t("figures.title")}>
      {figures.map((f) => {
        const Cell = cellFor(f.field.type);
        const related = f.related;
        const open = related && onOpenRelated ? () => onOpenRelated(related.form, related.field) : undefined;
        return (
          <div key={f.key} className={`trellis-record-figure${open ? " trellis-record-figure-link" : ""}`}
            data-testid={`figure-${f.key}`} onClick={open} role={open ? "button" : undefined} tabIndex={open ? 0 : undefined}
            onKeyDown={open ? (e) => { if (e.key === "Enter") open(); } : undefined}>
            <Typography.Text type="secondary" className="trellis-record-figure-label">{tx(f.label, f.key)}</Typography.Text>
            <div className="trellis-record-figure-value">
              {isEmptyValue(f.value) ? t("figures.empty") : <Cell field={f.field} value={f.value} ctx={{ app, form }} />}
            </div>
          </div>
        );
      })}
    </div>
  );
}
