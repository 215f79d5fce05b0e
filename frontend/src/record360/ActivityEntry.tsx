/** One item of a record's activity timeline: who, when, what (in the viewer's language), a
 * link to what it concerns (a related record, a flow run); a change lists its fields before →
 * after; a comment shows its text with its @mentions, and its author may edit or delete it. */
import { App, Button, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { FormDef } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { record360Api } from "./api";
import CommentBox from "./CommentBox";
import FieldChanges from "./FieldChanges";
import { useRecord360Text } from "./i18n";
import type { ActivityItem } from "./types";

export const TYPE_COLORS: Record<string, string> = {
  change: "blue", related: "purple", message: "cyan", flow: "orange", comment: "green",
};

interface Props {
  app: string;
  def: FormDef;
  id: number;
  item: ActivityItem;
  onChanged: () => void;
}

function CommentText({ text, names }: { text: string; names: string[] }) {
  if (!names.length) return <>{text}</>;
  const escaped = names.map((n) => `@${n}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(${escaped.join("|")})`));
  return <>{parts.map((p, i) => (i % 2 ? <span key={i} className="trellis-mention">{p}</span> : p))}</>;
}

export default function ActivityEntry({ app, def, id, item, onChanged }: Props) {
  const { t } = useRecord360Text();
  const { tx } = useLang();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const [editing, setEditing] = useState(false);
  const d = item.data;
  const isComment = item.type === "comment";
  const changed = item.type === "change" && d.action === "update"
    ? [...new Set([...Object.keys(d.before ?? {}), ...Object.keys(d.after ?? {})])] : [];

  const remove = () => modal.confirm({
    title: t("comment.confirmDelete"), okType: "danger", okText: t("comment.delete"), cancelText: t("comment.cancel"),
    onOk: async () => {
      try {
        await record360Api.deleteComment(app, def.id, id, d.comment!);
        message.success(t("comment.deleted"));
        onChanged();
      } catch (err) {
        report(err);
      }
    },
  });

  return (
    <div className="trellis-activity-item" data-testid="activity-item" data-type={item.type} data-id={item.id}>
      <div className="trellis-activity-head">
        <Tag color={TYPE_COLORS[item.type]} bordered={false}>{t(`filter.${item.type}`)}</Tag>
        <Typography.Text strong>{item.actor?.name ?? t("system")}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(item.at)}</Typography.Text>
        {isComment && d.edited_at && <Typography.Text type="secondary" style={{ fontSize: 12 }}>({t("comment.edited")})</Typography.Text>}
        {isComment && d.mine && !editing && (
          <span>
            <Button type="link" size="small" onClick={() => setEditing(true)}>{t("comment.edit")}</Button>
            <Button type="link" size="small" danger onClick={remove}>{t("comment.delete")}</Button>
          </span>
        )}
      </div>
      {isComment ? (editing ? (
        <CommentBox initial={{ text: d.text ?? "", mentions: d.mentions ?? [] }} onCancel={() => setEditing(false)}
          onSubmit={async (text, mentions) => {
            await record360Api.editComment(app, def.id, id, d.comment!, text, mentions);
            message.success(t("comment.saved"));
            setEditing(false);
            onChanged();
          }} />
      ) : (
        <div className="trellis-activity-text" data-testid="comment-text">
          <CommentText text={d.text ?? ""} names={(d.mentions ?? []).map((p) => p.name)} />
        </div>
      )) : (
        <div className="trellis-activity-text">
          {item.link
            ? <Link to={item.link} data-testid="activity-link">{tx(item.summary)}</Link>
            : <span>{tx(item.summary)}</span>}
        </div>
      )}
      {d.cause_text && <Typography.Text type="secondary" className="trellis-timeline-cause">{tx(d.cause_text)}</Typography.Text>}
      {changed.length > 0 && <FieldChanges fields={def.fields} keys={changed} before={d.before} after={d.after} />}
    </div>
  );
}
