/** My open tasks: each a link to the task (its title, flow and step), with its countdown tag
 * (due, soon, overdue in red); the count of all open ones leads to the inbox. */
import { Link } from "react-router-dom";
import { textOf } from "../../i18n/text";
import SlaTag from "../../tasks/SlaTag";
import { useReportsText } from "../i18n";
import type { TasksData, WidgetProps } from "./types";

export default function TasksWidget({ data, lang }: WidgetProps<TasksData>) {
  const { t } = useReportsText();
  const items = data.items ?? [];
  if (!items.length) return <div className="trw-empty">{t("widgets.empty.tasks")}</div>;
  return (
    <div className="trw-column">
      <ul className="trw-list">
        {items.map((task) => (
          <li key={task.id} className={`trw-item${task.overdue ? " trw-overdue" : ""}`} data-testid={`task-item-${task.id}`}
            data-overdue={task.overdue ? "1" : "0"}>
            <Link to={`/tasks/${task.id}`} className="trw-item-title">{task.title || `#${task.id}`}</Link>
            <span className="trw-item-meta">
              <span className="trw-chip">{textOf(task.node_label, lang, "") || textOf(task.flow_label, lang, "")}</span>
              <SlaTag item={task} />
            </span>
          </li>
        ))}
      </ul>
      <Link to="/inbox" className="trw-more">{t("widgets.pending", { n: data.total ?? items.length })} · {t("widgets.more")}</Link>
    </div>
  );
}
