/** The latest messages: unread ones in bold with a dot; opening one marks it read (the bell's
 * count follows) and goes to its record, else to the message center. */
import { Badge } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { notifyApi } from "../../notify/api";
import { recordLink } from "../../notify/format";
import { refreshUnread } from "../../notify/unread";
import { useReportsText } from "../i18n";
import type { MessageItem, MessagesData, WidgetProps } from "./types";
import { useAgo } from "./useAgo";

export default function MessagesWidget({ data, reload }: WidgetProps<MessagesData>) {
  const { t } = useReportsText();
  const navigate = useNavigate();
  const when = useAgo();
  const items = data.items ?? [];
  const open = async (m: MessageItem) => {
    if (!m.read_at) {
      await notifyApi.markRead(m.id).catch(() => undefined);
      refreshUnread();
      reload();
    }
    navigate(recordLink({ app: m.app, form: m.form, record: m.record }) ?? "/messages");
  };
  if (!items.length) return <div className="trw-empty">{t("widgets.empty.messages")}</div>;
  return (
    <div className="trw-column">
      <ul className="trw-list">
        {items.map((m) => (
          <li key={m.id} className={`trw-item${m.read_at ? "" : " trw-unread"}`} data-testid={`message-item-${m.id}`}
            data-unread={m.read_at ? "0" : "1"}>
            <a className="trw-item-title" href={recordLink(m) ?? "/messages"}
              onClick={(e) => { e.preventDefault(); void open(m); }}>
              {m.read_at ? null : <Badge status="processing" className="trw-dot" />}{m.title}
            </a>
            <span className="trw-item-meta"><span>{when(m.created_at)}</span></span>
          </li>
        ))}
      </ul>
      <Link to="/messages" className="trw-more">{t("widgets.unread", { n: data.unread ?? 0 })} · {t("widgets.more")}</Link>
    </div>
  );
}
