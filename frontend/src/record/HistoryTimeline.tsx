/** A record's changes (audit history): who, when, and per field: before → after, with labels. */
import { Empty, Spin, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { FormDef, HistoryEntry } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { displayText, formatDateTime, isEmptyValue } from "../registries/format";

const COLORS: Record<string, string> = { create: "green", update: "blue", delete: "red", restore: "orange" };

interface Props {
  app: string;
  def: FormDef;
  id: number;
  /** bumps to reload after an edit */
  version: number;
}

export default function HistoryTimeline({ app, def, id, version }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  const { data, loading } = useAsync(() => api.history(app, def.id, id), [app, def.id, id, version]);
  if (loading && !data) return <Spin />;
  const entries = [...(data ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  if (!entries.length) return <Empty description={t("record.noHistory")} />;
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const show = (fieldId: string, v: unknown) => {
    const f = byId.get(fieldId);
    if (isEmptyValue(v)) return t("record.emptyValue");
    return f ? displayText(f, v, lang) : typeof v === "object" ? JSON.stringify(v) : String(v);
  };

  const lines = (e: HistoryEntry) => {
    if (e.action !== "update") return null;
    const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])]
      .filter((k) => byId.has(k) && k !== "version");
    return (
      <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }}>
        {keys.map((k) => (
          <li key={k} className="trellis-timeline-change">
            <b>{tx(byId.get(k)?.label, k)}</b>: <del>{show(k, e.before?.[k])}</del> → <span>{show(k, e.after?.[k])}</span>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: COLORS[e.action] ?? "gray",
        content: (
          <div data-entry={e.id}>
            <Typography.Text>
              {t("record.by", {
                user: e.username ?? t("record.system"),
                action: t(`record.action.${e.action}`, { defaultValue: e.action }),
                at: formatDateTime(e.at),
              })}
            </Typography.Text>
            {lines(e)}
          </div>
        ),
      }))}
    />
  );
}
