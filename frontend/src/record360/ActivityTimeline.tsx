/** A record's activity, one timeline newest first: its changes, its related records' events,
 * the messages sent about it, the flows on it and the comments, filtered by type (全部 / 变更 /
 * 关联记录 / 消息 / 流程 / 评论), paged by the server's cursor ("load more"). The comment box
 * with its @ picker sits on top; a posted comment shows at once. */
import { App, Button, Empty, Segmented, Spin, Timeline } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormDef } from "../api/types";
import ErrorResult from "../shell/ErrorResult";
import ActivityEntry, { TYPE_COLORS } from "./ActivityEntry";
import { record360Api } from "./api";
import CommentBox from "./CommentBox";
import { useRecord360Text } from "./i18n";
import type { ActivityItem, ActivityType } from "./types";
import "./record360.css";

const FILTERS: ("all" | ActivityType)[] = ["all", "change", "related", "message", "flow", "comment"];
const PAGE = 20;

interface Props {
  app: string;
  def: FormDef;
  id: number;
  /** bumps to reload (the record was edited) */
  reloadKey?: number;
  /** called when a comment was posted, edited or deleted */
  onCommented?: () => void;
}

export default function ActivityTimeline({ app, def, id, reloadKey, onCommented }: Props) {
  const { t } = useRecord360Text();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<"all" | ActivityType>("all");
  const [items, setItems] = useState<ActivityItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const asked = useRef(0);

  const load = useCallback(async (before: string | null) => {
    const n = ++asked.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await record360Api.timeline(app, def.id, id, before, filter === "all" ? null : [filter], PAGE);
      if (n !== asked.current) return;
      setItems((old) => (before ? [...old, ...page.items] : page.items));
      setNext(page.next);
    } catch (err) {
      if (n === asked.current) setError(err);
    } finally {
      if (n === asked.current) setLoading(false);
    }
  }, [app, def.id, id, filter]);

  useEffect(() => { void load(null); }, [load, reloadKey]);

  const changed = () => { void load(null); onCommented?.(); };

  return (
    <div className="trellis-activity" data-testid="activity">
      <CommentBox onSubmit={async (text, mentions) => {
        await record360Api.comment(app, def.id, id, text, mentions);
        message.success(t("comment.sent"));
        changed();
      }} />
      <div className="trellis-activity-filter">
        <Segmented<"all" | ActivityType> value={filter} onChange={setFilter} data-testid="activity-filter"
          options={FILTERS.map((f) => ({ value: f, label: t(`filter.${f}`) }))} />
      </div>
      {error ? <ErrorResult error={error} onRetry={() => void load(null)} /> : null}
      {!error && loading && !items.length ? <Spin /> : null}
      {!error && !loading && !items.length ? <Empty description={t("empty")} /> : null}
      {items.length > 0 && (
        <Timeline items={items.map((item) => ({
          key: item.id,
          color: TYPE_COLORS[item.type] ?? "gray",
          content: <ActivityEntry app={app} def={def} id={id} item={item} onChanged={changed} />,
        }))} />
      )}
      {next && !error && (
        <Button block loading={loading} onClick={() => void load(next)} data-testid="activity-more">{t("loadMore")}</Button>
      )}
    </div>
  );
}
