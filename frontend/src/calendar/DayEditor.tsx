/** The small form for one day of the working calendar: working, trading, note; save, or reset
 * to the package's answer (administrators only; others read the day). */
import { App, Button, Descriptions, Form, Input, Modal, Switch } from "antd";
import { useEffect, useState } from "react";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { calendarApi } from "./api";
import { useCalendarText } from "./i18n";
import { weekdayOf } from "./model";
import type { CalendarDay } from "./types";

interface Props {
  day: CalendarDay | null;
  admin: boolean;
  onClose: () => void;
  onSaved: (day: CalendarDay) => void;
}

export default function DayEditor({ day, admin, onClose, onSaved }: Props) {
  const { t } = useCalendarText();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const [working, setWorking] = useState(true);
  const [trading, setTrading] = useState(true);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<"save" | "reset" | null>(null);

  useEffect(() => {
    if (!day) return;
    setWorking(day.working);
    setTrading(day.trading);
    setNote(day.note ?? "");
  }, [day]);

  if (!day) return null;
  const names = t("weekdayNames", { returnObjects: true }) as string[];
  const weekday = names[weekdayOf(day.day)] ?? "";
  const answer = (w: boolean, tr: boolean) => (w ? `${t("edit.working")} · ${tr ? t("edit.trading") : t("edit.noTrading")}`
    : t("edit.dayOff"));

  const run = async (kind: "save" | "reset") => {
    setBusy(kind);
    try {
      const out = kind === "save"
        ? await calendarApi.save(day.day, { working, trading: working && trading, note: note.trim() || null })
        : await calendarApi.reset(day.day);
      message.success(t(kind === "save" ? "edit.saved" : "edit.resetDone", { day: day.day }));
      onSaved(out);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };

  const footer = admin ? [
    day.source === "override" && (
      <Button key="reset" danger loading={busy === "reset"} onClick={() => run("reset")} data-testid="calendar-reset">
        {t("edit.reset")}
      </Button>
    ),
    <Button key="cancel" onClick={onClose}>{t("edit.cancel")}</Button>,
    <Button key="save" type="primary" loading={busy === "save"} onClick={() => run("save")} data-testid="calendar-save">
      {t("edit.save")}
    </Button>,
  ].filter(Boolean) : [<Button key="cancel" onClick={onClose}>{t("edit.cancel")}</Button>];

  return (
    <Modal open title={t("edit.title", { day: day.day, weekday })} onCancel={onClose} footer={footer} width={420}
      destroyOnHidden className="trellis-calendar-editor">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("edit.source")}>
          <span data-testid="calendar-source">{t(`edit.sources.${day.source}`)}</span>
        </Descriptions.Item>
        {day.holiday && <Descriptions.Item label={t("edit.holiday")}>{tx(day.holiday)}</Descriptions.Item>}
        {day.package && (
          <Descriptions.Item label={t("edit.default")}>{answer(day.package.working, day.package.trading)}</Descriptions.Item>
        )}
      </Descriptions>
      <Form layout="horizontal" labelCol={{ flex: "96px" }} disabled={!admin}>
        <Form.Item label={t("edit.working")} style={{ marginBottom: 12 }}>
          <Switch checked={working} onChange={setWorking} data-testid="calendar-working" />
        </Form.Item>
        <Form.Item label={t("edit.trading")} style={{ marginBottom: 12 }} extra={working ? undefined : t("edit.tradingHint")}>
          <Switch checked={working && trading} disabled={!working} onChange={setTrading} data-testid="calendar-trading" />
        </Form.Item>
        <Form.Item label={t("edit.note")} style={{ marginBottom: 0 }}>
          <Input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} placeholder={t("edit.notePlaceholder")}
            data-testid="calendar-note" />
        </Form.Item>
      </Form>
      {!admin && <p style={{ color: "#8c8c8c", marginTop: 12, marginBottom: 0 }}>{t("edit.readOnly")}</p>}
    </Modal>
  );
}
