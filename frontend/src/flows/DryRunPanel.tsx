/** The dry run on history: a window of dates (or one record), the draft or the published
 * version; the report counts the events checked and the times the flow would have fired, and
 * lists each with its time, record, event, why (which clauses held) and what each action
 * would have done. Nothing is done for real. */
import { PlayCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, DatePicker, Form, InputNumber, Radio, Space, Statistic, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import type { DryRunItem, DryRunReport } from "./types";

interface Props {
  app: string;
  flowKey: string;
  dirty: boolean;
}

export default function DryRunPanel({ app, flowKey, dirty }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const [mode, setMode] = useState<"window" | "record">("window");
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, "day"), dayjs()]);
  const [record, setRecord] = useState<number | null>(null);
  const [draft, setDraft] = useState(true);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = mode === "record" && record ? { record, draft }
        : { from: `${range[0].format("YYYY-MM-DD")}T00:00:00`, to: `${range[1].format("YYYY-MM-DD")}T23:59:59`, draft };
      setReport(await flowApi.dryRun(app, flowKey, body));
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="flow-dry-run">
      <Typography.Paragraph type="secondary">{t("dry.intro")}</Typography.Paragraph>
      {dirty && draft && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t("dry.saveFirst")} />}
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}
            options={[{ value: "window", label: t("dry.window") }, { value: "record", label: t("dry.record") }]} optionType="button" />
        </Form.Item>
        <Form.Item>
          {mode === "window" ? (
            <DatePicker.RangePicker value={range} allowClear={false} data-testid="dry-range"
              onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0], v[1]]); }} />
          ) : (
            <InputNumber min={1} placeholder={t("dry.recordId")} value={record} onChange={(v) => setRecord(v)} data-testid="dry-record" />
          )}
        </Form.Item>
        <Form.Item>
          <Checkbox checked={draft} onChange={(e) => setDraft(e.target.checked)}>{t("dry.useDraft")}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={busy} onClick={() => void go()}
            disabled={mode === "record" && !record} data-testid="dry-run-go">{t("dry.run")}</Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {report && (
        <>
          <Space size={32} style={{ marginBottom: 8 }}>
            <Statistic title={t("dry.evaluatedTitle")} value={report.evaluated} />
            <Statistic title={t("dry.firedTitle")} value={report.fired} styles={{ content: { color: "#1677ff" } }} />
            {report.held_back ? <Statistic title={t("dry.heldBack")} value={report.held_back} /> : null}
          </Space>
          {report.truncated && <Alert type="info" showIcon title={t("dry.truncated")} style={{ marginBottom: 8 }} />}
          <Table<DryRunItem> size="small" rowKey={(r, i) => `${r.record_id}-${r.at}-${i}`} dataSource={report.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }} locale={{ emptyText: t("dry.none") }}
            data-testid="dry-report"
            columns={[
              { key: "at", title: t("dry.time"), render: (_, r) => formatDateTime(r.at), width: 140 },
              { key: "record", title: t("runs.record"), width: 120,
                render: (_, r) => (r.record_id ? `${r.title ?? ""} #${r.record_id}`.trim() : "—") },
              { key: "event", title: t("dry.event"), width: 90, render: (_, r) => (
                <>{r.event ? t(`dry.events.${r.event}`, { defaultValue: r.event }) : "—"}{r.passed === false && <Tag style={{ marginInlineStart: 4 }}>{t("dry.notFired")}</Tag>}</>) },
              { key: "why", title: t("dry.explanation"), render: (_, r) => (
                <div>
                  {r.explanation && !r.clauses?.length && <div>{tx(r.explanation)}</div>}
                  {(r.clauses ?? []).map((c, i) => (
                    <Tag key={i} color={c.value ? "green" : "default"} style={{ marginTop: 2 }}>{tx(c)}</Tag>
                  ))}
                </div>
              ) },
              { key: "actions", title: t("dry.actions"), render: (_, r) => (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {(r.actions ?? []).map((a, i) => (
                    <li key={i}><b>{tx(a.label ?? undefined, a.node)}</b>{a.would ? `: ${tx(a.would)}` : ""}</li>
                  ))}
                </ul>
              ) },
            ]} />
        </>
      )}
    </div>
  );
}
