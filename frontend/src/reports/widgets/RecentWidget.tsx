/** My recent records: each a link to the record (its form's name, its title, created or
 * changed, when), newest first. */
import { Link } from "react-router-dom";
import { textOf } from "../../i18n/text";
import { shortDate } from "../../notify/format";
import { useReportsText } from "../i18n";
import type { RecentData, WidgetProps } from "./types";
import { useAgo } from "./useAgo";

export default function RecentWidget({ data, lang }: WidgetProps<RecentData>) {
  const { t } = useReportsText();
  const when = useAgo();
  const items = data.items ?? [];
  if (!items.length) return <div className="trw-empty">{t("widgets.empty.recent")}</div>;
  return (
    <ul className="trw-list">
      {items.map((r) => (
        <li key={`${r.app}/${r.form}/${r.record}`} className="trw-item">
          <Link to={`/apps/${encodeURIComponent(r.app)}/forms/${encodeURIComponent(r.form)}/records/${r.record}`}
            className="trw-item-title" data-testid={`recent-${r.form}-${r.record}`}>
            {r.title || `#${r.record}`}
          </Link>
          <span className="trw-item-meta">
            <span className="trw-chip">{textOf(r.form_label, lang, r.form)}</span>
            <span title={shortDate(r.at)}>{t(`widgets.actions.${r.action}`)} · {when(r.at)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
