/** The settings of the trigger 提交时发起审批 (`submitted`): the approval status field (a
 * select field of the flow's form that must offer pending, approved, rejected, withdrawn and
 * returned; the missing ones are named), whether creating a record submits it (else only the
 * record page's 提交审批 button does) and the fields locked while the approval runs (none,
 * all, or the ones picked). The server's problems show on the input they point at. */
import { Alert, Form, Radio, Select, Switch, Typography } from "antd";
import { fieldTraits } from "../api/fieldTypes";
import { useLang } from "../i18n/text";
import { hasStatuses, STATUSES } from "./approvers";
import FieldSelect from "./FieldSelect";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import { problemText } from "./problems";
import type { Problem } from "./types";

interface Props {
  value: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  problems: Problem[];
}

export default function SubmittedTriggerForm({ value, onChange, problems }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { fields } = usePanel();
  const set = (key: string, v: unknown) => {
    const next = { ...value, [key]: v };
    if (v === undefined) delete next[key];
    onChange(next);
  };
  const errors = (key: string) => problems.filter((p) => p.pointer === `/trigger/${key}` || p.pointer?.startsWith(`/trigger/${key}/`))
    .map((p) => problemText(p, lang));
  const selects = fields.filter((f) => f.options?.length && fieldTraits(f).sql_kind === "text");
  selects.sort((a, b) => Number(hasStatuses(b)) - Number(hasStatuses(a)));
  const statusField = typeof value.status_field === "string" ? value.status_field : undefined;
  const picked = fields.find((f) => f.id === statusField);
  const missing = picked ? STATUSES.filter((s) => !picked.options?.some((o) => o.value === s)) : [];
  const named = (list: string[]) => list.map((s) => {
    const name = t(`submitted.statuses.${s}`);
    return name === s ? s : `${s} ${name}`;
  }).join(t("human.joiner"));
  const lock = value.lock;
  const lockWay = lock === "all" ? "all" : Array.isArray(lock) ? "some" : "none";
  const statusErrors = errors("status_field");
  const lockErrors = errors("lock");
  return (
    <Form layout="vertical" data-testid="submitted-form">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("submitted.intro")}</Typography.Paragraph>
      <Form.Item label={t("submitted.statusField")} required extra={t("submitted.statusHelp", { options: named(STATUSES) })}
        validateStatus={statusErrors.length ? "error" : undefined} help={statusErrors.length ? statusErrors.join("; ") : undefined}>
        <Select value={statusField} allowClear showSearch optionFilterProp="label" data-testid="submitted-status-field"
          notFoundContent={t("submitted.noStatusFields")} style={{ width: "100%" }}
          options={selects.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
          onChange={(v?: string) => set("status_field", v || undefined)} />
      </Form.Item>
      {missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="submitted-status-missing"
          title={t("submitted.statusMissing", { options: named(missing) })} />
      )}
      <Form.Item label={t("submitted.onCreate")} extra={t(value.on_create === false ? "submitted.onCreateOff" : "submitted.onCreateOn")}>
        <Switch checked={value.on_create !== false} data-testid="submitted-on-create"
          onChange={(on) => set("on_create", on ? undefined : false)} />
      </Form.Item>
      <Form.Item label={t("submitted.lock")} extra={t("submitted.lockHelp")}
        validateStatus={lockErrors.length ? "error" : undefined} help={lockErrors.length ? lockErrors.join("; ") : undefined}>
        <Radio.Group value={lockWay} data-testid="submitted-lock-way" style={{ marginBottom: lockWay === "some" ? 8 : 0 }}
          options={(["none", "all", "some"] as const).map((w) => ({ value: w, label: t(`submitted.lock${w[0].toUpperCase()}${w.slice(1)}`) }))}
          onChange={(e) => set("lock", e.target.value === "all" ? "all" : e.target.value === "some" ? [] : undefined)} />
        {lockWay === "some" && (
          <FieldSelect multiple value={lock} testId="submitted-lock-fields" onChange={(v) => set("lock", v ?? [])} />
        )}
      </Form.Item>
    </Form>
  );
}
