/** A record's changes (audit history): who, when, what made the change when not the user
 * directly (an automation, a flow, an import: the entry's cause), and per field: before →
 * after, with labels. A change (an update) can be reverted, after a confirm, by a user who
 * may edit the record. */
import { UndoOutlined } from "@ant-design/icons";
import { App, Button, Empty, Spin, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { FormDef, HistoryEntry } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { traitsOf } from "../api/fieldTypes";
import { formatDateTime } from "../registries/format";
import FieldChanges, { useShowValue } from "../record360/FieldChanges";
import { useRecord360Text } from "../record360/i18n";
import { revertEntry } from "./recordApi";

const COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", restore: "orange", comment: "cyan" };

interface Props {
  app: string;
  def: FormDef;
  id: number;
  /** bumps to reload after an edit */
  version: number;
  /** called after an entry was reverted (the record changed) */
  onReverted?: () => void;
}

export default function HistoryTimeline({ app, def, id, version, onReverted }: Props) {
  const { t } = useTranslation();
  const { t: t360 } = useRecord360Text();
  const { tx } = useLang();
  const show = useShowValue(def.fields);
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const { data, loading, reload } = useAsync(() => api.history(app, def.id, id), [app, def.id, id, version]);
  if (loading && !data) return <Spin />;
  const entries = [...(data ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  if (!entries.length) return <Empty description={t("record.noHistory")} />;
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const canRevert = def.actions.includes("update");
  const changed = (e: HistoryEntry) => (e.action !== "update" ? [] :
    [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])].filter((k) => byId.has(k) && k !== "version"));
  /** fields whose earlier value the entry holds (what a revert writes back) */
  const revertible = (e: HistoryEntry) =>
    changed(e).filter((k) => e.before && k in e.before && !byId.get(k)?.readonly && !traitsOf(byId.get(k)?.type ?? "").generated);

  const lines = (e: HistoryEntry) => <FieldChanges fields={def.fields} keys={changed(e)} before={e.before} after={e.after} />;
  const actionText = (action: string) => (action.startsWith("comment")
    ? t360(`action.${action}`, { defaultValue: action })
    : t(`record.action.${action}`, { defaultValue: action }));

  const revert = (e: HistoryEntry) => modal.confirm({
    title: t("record.revertTitle"),
    content: (
      <div data-testid="revert-confirm">
        <div>{t("record.revertBody")}</div>
        <ul style={{ margin: "6px 0 0", paddingInlineStart: 18 }}>
          {revertible(e).map((k) => (
            <li key={k}><b>{tx(byId.get(k)?.label, k)}</b>: {show(k, e.after?.[k])} → {show(k, e.before?.[k])}</li>
          ))}
        </ul>
      </div>
    ),
    okText: t("record.revert"),
    cancelText: t("common.cancel"),
    onOk: async () => {
      try {
        await revertEntry(app, def.id, id, e.id);
        message.success(t("record.reverted"));
        if (onReverted) onReverted();
        else reload();
      } catch (err) {
        report(err, onReverted ?? reload);
      }
    },
  });

  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: COLORS[e.action] ?? COLORS[e.action.split("_")[0]] ?? "gray",
        content: (
          <div data-entry={e.id} data-action={e.action}>
            <div style={{ display: "flex", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
              <Typography.Text>
                {t("record.by", {
                  user: e.username ?? t("record.system"),
                  action: actionText(e.action),
                  at: formatDateTime(e.at),
                })}
              </Typography.Text>
              {canRevert && revertible(e).length > 0 && (
                <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => revert(e)}
                  data-testid={`revert-${e.id}`} style={{ paddingInline: 4 }}>
                  {t("record.revert")}
                </Button>
              )}
            </div>
            {e.cause_text && (
              <Typography.Text type="secondary" className="trellis-timeline-cause" data-testid={`cause-${e.id}`}>
                {tx(e.cause_text)}
              </Typography.Text>
            )}
            {lines(e)}
          </div>
        ),
      }))}
    />
  );
}
