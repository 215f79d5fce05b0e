/** The start card's panel: the flow's kind and form, its trigger (type and the type's
 * settings; 提交时发起审批's in words, SubmittedTriggerForm), entry condition, a journey's exit
 * condition, and its options. */
import { Alert, Divider, Drawer, Form, Radio, Select } from "antd";
import { metaCache } from "../api/cache";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { statusFieldOf } from "./approvers";
import ConditionField from "./ConditionField";
import ConfigForm from "./ConfigForm";
import { useFlowText } from "./i18n";
import { NARROW } from "./layout";
import OptionsForm from "./OptionsForm";
import { usePanel } from "./panelContext";
import { problemText } from "./problems";
import SubmittedTriggerForm from "./SubmittedTriggerForm";
import type { Flow, Problem, TriggerTypeInfo } from "./types";

interface Props {
  triggers: TriggerTypeInfo[];
  problems: Problem[];
  onChange: (flow: Flow) => void;
  onClose: () => void;
}

export default function TriggerPanel({ triggers, problems, onChange, onClose }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { app, flow, fields } = usePanel();
  const forms = useAsync(() => metaCache.forms(app), [app]).data ?? [];
  const info = triggers.find((tr) => tr.key === flow.trigger?.type);
  const { type, ...config } = flow.trigger ?? { type: "" };
  const set = (patch: Partial<Flow>) => {
    const next = { ...flow, ...patch };
    for (const k of Object.keys(patch) as (keyof Flow)[]) if (patch[k] === undefined || patch[k] === null) delete next[k];
    onChange(next);
  };
  return (
    <Drawer open size={window.innerWidth < NARROW ? "100%" : 480} onClose={onClose} destroyOnHidden mask={false}
      getContainer={window.innerWidth < NARROW ? undefined : false} rootClassName="tfl-drawer" title={t("panel.trigger")}
      data-testid="flow-trigger-panel">
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("panel.problems")}
          description={<ul className="tfl-problems">{problems.map((p, i) => <li key={i}>{problemText(p, lang)}</li>)}</ul>} />
      )}
      <Form layout="vertical">
        <Form.Item label={t("list.kind")} extra={t(`kindHelp.${flow.kind ?? "automation"}`)}>
          <Radio.Group value={flow.kind ?? "automation"} onChange={(e) => set({ kind: e.target.value })}
            options={(["automation", "journey"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t("panel.form")}>
          <Select value={flow.form} allowClear showSearch optionFilterProp="label" data-testid="flow-form"
            options={forms.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} onChange={(form) => set({ form })} />
        </Form.Item>
        <Form.Item label={t("panel.triggerType")}>
          <Select value={type || undefined} data-testid="flow-trigger-type"
            options={triggers.map((tr) => ({ value: tr.key, label: tx(tr.label, tr.key) }))}
            onChange={(next: string) => set({ trigger: next === "submitted" && statusFieldOf(fields)
              ? { type: next, status_field: statusFieldOf(fields) } : { type: next } })} />
        </Form.Item>
      </Form>
      {type === "submitted" ? (
        <SubmittedTriggerForm value={config} problems={problems} onChange={(c) => set({ trigger: { ...c, type } })} />
      ) : (
        <ConfigForm id={`trigger-${type}`} schema={info?.config_schema} value={config}
          onChange={(c) => set({ trigger: { ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)), type } })} />
      )}
      <Divider plain style={{ margin: "8px 0" }} />
      <ConditionField value={flow.condition} onChange={(condition) => set({ condition })} fields={fields}
        title={t("panel.entryCondition")} help={t("panel.entryHelp")} testId="flow-entry-condition" />
      {flow.kind === "journey" && (
        <ConditionField value={flow.exit} onChange={(exit) => set({ exit })} fields={fields}
          title={t("panel.exitCondition")} help={t("panel.exitHelp")} testId="flow-exit-condition" />
      )}
      <Divider titlePlacement="start" plain>{t("panel.options")}</Divider>
      <OptionsForm flow={flow} onChange={onChange} />
    </Drawer>
  );
}
