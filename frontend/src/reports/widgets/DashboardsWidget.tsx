/** Pinned dashboards: each a link with its description. */
import { DashboardOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { textOf } from "../../i18n/text";
import { useReportsText } from "../i18n";
import type { PinnedData, WidgetProps } from "./types";

export default function DashboardsWidget({ data, lang }: WidgetProps<PinnedData>) {
  const { t } = useReportsText();
  const items = data.items ?? [];
  if (!items.length) return <div className="trw-empty">{t("widgets.empty.dashboards")}</div>;
  return (
    <ul className="trw-list">
      {items.map((d) => (
        <li key={d.id} className="trw-item">
          <Link to={d.href} className="trw-item-title" data-testid={`pinned-${d.id}`}><DashboardOutlined /> {textOf(d.label, lang, d.id)}</Link>
          {d.description ? <span className="trw-item-meta">{textOf(d.description, lang)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
