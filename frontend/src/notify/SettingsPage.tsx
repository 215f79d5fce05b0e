/** /me/notifications: which channels each kind of notification reaches the caller by (a checkbox
 * per event and channel), and quiet hours. */
import { App, Button, Checkbox, Result, Space, Spin, Switch, Table, Tag, TimePicker, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { notifyApi } from "./api";
import { URGENCY_COLOR } from "./format";
import { useNotifyText } from "./i18n";
import { isOn, quietBody, settingsBody, toggle } from "./settings";
import type { NotifySettings } from "./types";
import "./notify.css";

const FMT = "HH:mm";
function asTime(v: string | undefined): Dayjs | null {
  const m = v ? /^(\d{1,2}):(\d{2})/.exec(v) : null;
  return m ? dayjs().hour(Number(m[1])).minute(Number(m[2])).second(0) : null;
}

export default function SettingsPage() {
  const { t } = useNotifyText();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const { data, error, loading, reload } = useAsync(() => notifyApi.settings(), []);
  const [events, setEvents] = useState<Record<string, string[]>>({});
  const [quietOn, setQuietOn] = useState(false);
  const [start, setStart] = useState<Dayjs | null>(null);
  const [end, setEnd] = useState<Dayjs | null>(null);
  const [saving, setSaving] = useState(false);

  const adopt = (s: NotifySettings) => {
    setEvents(s.events ?? {});
    setQuietOn(Boolean(s.quiet_hours));
    setStart(asTime(s.quiet_hours?.start));
    setEnd(asTime(s.quiet_hours?.end));
  };
  useEffect(() => { if (data) adopt(data); }, [data]);

  if (loading && !data) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  if (error || !data) {
    return <Result status="warning" title={errorText(error, lang)} extra={<Button onClick={reload}>{t("common.retry")}</Button>} />;
  }
  const channels = data.available.channels;
  const save = () => {
    const quiet = quietBody(quietOn, start?.format(FMT) ?? null, end?.format(FMT) ?? null);
    if (quiet.error) {
      message.error(t(quiet.error));
      return;
    }
    setSaving(true);
    notifyApi.saveSettings(settingsBody(events, quiet.value)).then((saved) => {
      adopt(saved);
      message.success(t("settings.saved"));
    }, report).finally(() => setSaving(false));
  };
  const columns = [
    {
      key: "event", title: t("settings.event"), fixed: "left" as const, width: 160,
      render: (_: unknown, e: NotifySettings["available"]["events"][number]) => (
        <Space size={4} wrap>
          <span>{tx(e.label ?? null, e.key)}</span>
          {e.urgency && <Tag color={URGENCY_COLOR[e.urgency]}>{t(`urgency.${e.urgency}`)}</Tag>}
        </Space>
      ),
    },
    ...channels.map((c) => ({
      key: c, title: c, align: "center" as const, width: 90,
      render: (_: unknown, e: { key: string }) => (
        <Checkbox checked={isOn(events, e.key, c)} aria-label={`${e.key} ${c}`} data-testid={`pref-${e.key}-${c}`}
          onChange={(ev) => setEvents((old) => toggle(old, e.key, c, ev.target.checked, channels))} />
      ),
    })),
  ];
  return (
    <div className="trellis-notify-page">
      <div className="trellis-page-title"><h2>{t("settings.title")}</h2></div>
      <div className="trellis-card" style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t("settings.hint")}</Typography.Paragraph>
        <div className="trellis-matrix-scroll">
          <Table rowKey="key" size="small" pagination={false} dataSource={data.available.events} columns={columns}
            scroll={{ x: "max-content" }} locale={{ emptyText: t("settings.noEvents") }} />
        </div>
      </div>
      <div className="trellis-card" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t("settings.quiet")}</Typography.Title>
        <Space wrap align="center">
          <Switch checked={quietOn} onChange={setQuietOn} data-testid="quiet-switch" />
          <span>{t("settings.quietOn")}</span>
          <Space wrap={false} size={4}>
            <TimePicker format={FMT} value={start} onChange={setStart} disabled={!quietOn} placeholder={t("settings.start")}
              minuteStep={5} needConfirm={false} style={{ width: 110 }} data-testid="quiet-start" />
            <span>–</span>
            <TimePicker format={FMT} value={end} onChange={setEnd} disabled={!quietOn} placeholder={t("settings.end")}
              minuteStep={5} needConfirm={false} style={{ width: 110 }} data-testid="quiet-end" />
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t("settings.quietHint")}</Typography.Paragraph>
      </div>
      <Button type="primary" loading={saving} onClick={save} data-testid="settings-save">{t("common.save")}</Button>
    </div>
  );
}
