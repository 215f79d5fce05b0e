/** A list of messages: title (bold while unread), urgency, relative time, the body's first lines;
 * clicking one opens it (the caller marks it read and follows its record). */
import { Button, List, Tag, Tooltip, Typography } from "antd";
import { ago, firstLines, shortDate, URGENCY_COLOR } from "./format";
import { useNotifyText } from "./i18n";
import type { Message } from "./types";

interface Props {
  items: Message[];
  loading: boolean;
  empty: string;
  hasMore: boolean;
  lines?: number;
  onOpen: (m: Message) => void;
  onMore: () => void;
}

export default function MessageList({ items, loading, empty, hasMore, lines = 2, onOpen, onMore }: Props) {
  const { t } = useNotifyText();
  const now = Date.now();
  const when = (iso: string) => {
    const a = ago(iso, now);
    return a.key === "date" ? shortDate(iso) : t(`ago.${a.key}`, { count: a.count });
  };
  return (
    <List
      className="trellis-messages"
      loading={loading && !items.length}
      dataSource={items}
      locale={{ emptyText: empty }}
      loadMore={hasMore ? (
        <div style={{ textAlign: "center", margin: "8px 0" }}>
          <Button size="small" loading={loading} onClick={onMore}>{t("bell.loadMore")}</Button>
        </div>
      ) : null}
      renderItem={(m) => (
        <List.Item
          key={m.id}
          className={m.read_at ? "trellis-message" : "trellis-message unread"}
          data-testid={`message-${m.id}`}
          onClick={() => onOpen(m)}
        >
          <div className="trellis-message-head">
            <Typography.Text strong={!m.read_at} ellipsis className="trellis-message-title">{m.title}</Typography.Text>
            {m.urgency && <Tag color={URGENCY_COLOR[m.urgency]}>{t(`urgency.${m.urgency}`)}</Tag>}
            <Tooltip title={shortDate(m.created_at)}>
              <span className="trellis-message-time">{when(m.created_at)}</span>
            </Tooltip>
          </div>
          {m.body && <div className="trellis-message-body">{firstLines(m.body, lines)}</div>}
        </List.Item>
      )}
    />
  );
}
