/** Adding a widget while the dashboard's layout is edited: its type picked from the registry,
 * then its settings (the links of shortcuts, the dashboards to pin, how many items a list
 * shows, only unread messages, this app's tasks or all); what it cannot be added without is
 * said before it is added (the server checks the rest when the layout is saved). */
import { Form, InputNumber, Modal, Radio, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { useAsync } from "../../hooks/useAsync";
import type { Lang } from "../../i18n";
import { textOf } from "../../i18n/text";
import { reportsApi } from "../api";
import { useReportsText } from "../i18n";
import type { WidgetSpec } from "../types";
import { LIMIT_MAX, WIDGET_TYPES, defaultSpec, specProblems, type Shortcut, type WidgetType } from "./config";
import { WIDGETS } from "./registry";
import ShortcutEditor from "./ShortcutEditor";
import "./widgets.css";

interface Props {
  app: string;
  lang: Lang;
  onAdd: (spec: WidgetSpec) => void;
  onClose: () => void;
}

export default function AddWidgetModal({ app, lang, onAdd, onClose }: Props) {
  const { t } = useReportsText();
  const [spec, setSpec] = useState<WidgetSpec>(() => defaultSpec("tasks"));
  const [tried, setTried] = useState(false);
  const dashboards = useAsync(() => (spec.type === "dashboards" ? reportsApi.dashboards(app) : Promise.resolve([])), [app, spec.type]);
  const problems = specProblems(spec);
  const set = (patch: Record<string, unknown>) => setSpec((s) => ({ ...s, ...patch }));
  const ok = () => {
    setTried(true);
    if (!problems.length) onAdd(spec);
  };
  const max = LIMIT_MAX[spec.type];
  return (
    <Modal open title={t("widgets.editor.title")} onCancel={onClose} onOk={ok} okText={t("widgets.editor.ok")}
      cancelText={t("widgets.editor.cancel")} width={640} okButtonProps={{ "data-testid": "widget-add-ok" } as Record<`data-${string}`, string>}
      destroyOnHidden>
      <Form layout="vertical" data-testid="widget-editor">
        <Form.Item label={t("widgets.editor.type")}>
          <div className="trw-types">
            {WIDGET_TYPES.map((type: WidgetType) => (
              <button type="button" key={type} className="trw-type" aria-pressed={spec.type === type}
                data-testid={`widget-type-${type}`} onClick={() => { setTried(false); setSpec(defaultSpec(type)); }}>
                {WIDGETS[type].icon} {t(`widgets.types.${type}`)}
                <small>{t(`widgets.hints.${type}`)}</small>
              </button>
            ))}
          </div>
        </Form.Item>
        {spec.type === "shortcuts" ? (
          <Form.Item label={t("widgets.editor.items")}>
            <ShortcutEditor app={app} lang={lang} items={(spec.items as Shortcut[]) ?? []} onChange={(items) => set({ items })} />
          </Form.Item>
        ) : null}
        {spec.type === "dashboards" ? (
          <Form.Item label={t("widgets.editor.pickDashboards")}>
            <Select mode="multiple" value={(spec.items as string[]) ?? []} loading={dashboards.loading} data-testid="widget-pick-dashboards"
              options={(dashboards.data ?? []).map((d) => ({ value: d.id, label: textOf(d.label, lang, d.id) }))}
              onChange={(items: string[]) => set({ items })} />
          </Form.Item>
        ) : null}
        {max ? (
          <Form.Item label={t("widgets.editor.limit")}>
            <InputNumber min={1} max={max} precision={0} value={spec.limit as number | undefined} data-testid="widget-limit"
              onChange={(v) => set({ limit: v ?? undefined })} />
          </Form.Item>
        ) : null}
        {spec.type === "messages" ? (
          <Form.Item label={t("widgets.editor.unreadOnly")}>
            <Switch checked={!!spec.unread} onChange={(unread) => set({ unread })} />
          </Form.Item>
        ) : null}
        {spec.type === "tasks" ? (
          <Form.Item label={t("widgets.editor.scope")}>
            <Radio.Group value={spec.scope ?? "app"} onChange={(e) => set({ scope: e.target.value as string })}
              options={[{ value: "app", label: t("widgets.editor.scopeApp") }, { value: "all", label: t("widgets.editor.scopeAll") }]} />
          </Form.Item>
        ) : null}
        {tried && problems.length ? (
          <Typography.Text type="danger" data-testid="widget-problems">{problems.map((p) => t(p)).join(t("tile.sep"))}</Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
