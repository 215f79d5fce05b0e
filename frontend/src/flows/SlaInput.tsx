/** 时限 (SLA) of a human step: how long its people have (in working hours, working or trading
 * days, hours, days), a reminder before it is due, and what happens when it is overdue:
 * notify the manager, transfer (to an approver source), approve or reject automatically. */
import { Form, InputNumber, Radio, Select, Space, Switch } from "antd";
import ApproverPicker from "./ApproverPicker";
import { OVERDUE, SLA_UNITS } from "./approvers";
import DurationInput, { type Duration } from "./DurationInput";
import { useFlowText } from "./i18n";

export interface Sla {
  amount: number;
  unit: string;
  remind_before?: Duration;
  on_overdue?: (typeof OVERDUE)[number];
  transfer_to?: Record<string, unknown>;
}

interface Props {
  value: unknown;
  onChange: (v: Sla | undefined) => void;
  /** the units the server takes (its schema's), in SLA_UNITS' order */
  units?: string[];
  /** which of the overdue actions the step offers */
  overdue?: readonly string[];
  /** a handle step: no rejection, and "approve" reads as completing it */
  handle?: boolean;
  testId: string;
}

const isSla = (v: unknown): v is Sla => typeof v === "object" && v !== null && typeof (v as Sla).amount === "number";

export default function SlaInput({ value, onChange, units, overdue = OVERDUE, handle, testId }: Props) {
  const { t } = useFlowText();
  const sla = isSla(value) ? value : undefined;
  const unitList = SLA_UNITS.filter((u) => !units?.length || units.includes(u));
  const set = (patch: Partial<Sla>) => {
    const next = { ...sla!, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    if (next.on_overdue !== "transfer") delete next.transfer_to;
    onChange(next as unknown as Sla);
  };
  return (
    <div data-testid={testId}>
      <Form.Item style={{ marginBottom: sla ? 8 : 0 }}>
        <Switch checked={Boolean(sla)} data-testid={`${testId}-on`}
          onChange={(on) => onChange(on ? { amount: 1, unit: unitList.includes("business_days") ? "business_days" : unitList[0], on_overdue: "notify_supervisor" } : undefined)} />
        <span style={{ marginInlineStart: 8 }}>{t("human.slaOn")}</span>
      </Form.Item>
      {sla && (
        <>
          <Form.Item label={t("human.slaAmount")} style={{ marginBottom: 8 }}>
            <Space.Compact>
              <InputNumber min={1} max={3650} precision={0} value={sla.amount} style={{ width: 100 }} data-testid={`${testId}-amount`}
                onChange={(n) => set({ amount: typeof n === "number" && n > 0 ? n : 1 })} />
              <Select value={sla.unit} style={{ width: 130 }} data-testid={`${testId}-unit`}
                options={unitList.map((u) => ({ value: u, label: t(`enums.${u}`, { defaultValue: u }) }))}
                onChange={(unit: string) => set({ unit })} />
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t("human.remind")} style={{ marginBottom: 8 }}>
            <Space wrap size={6}>
              <span>{t("human.remindBefore")}</span>
              <DurationInput value={sla.remind_before} units={unitList} testId={`${testId}-remind`}
                onChange={(remind_before) => set({ remind_before })} />
            </Space>
          </Form.Item>
          <Form.Item label={t("human.overdue")} style={{ marginBottom: 8 }}>
            <Radio.Group value={sla.on_overdue ?? "notify_supervisor"} data-testid={`${testId}-overdue`}
              options={overdue.filter((o) => !handle || o !== "reject")
                .map((o) => ({ value: o, label: t(handle && o === "approve" ? "human.overdueHandled" : `human.overdueWays.${o}`) }))}
              onChange={(e) => set({ on_overdue: e.target.value, ...(e.target.value === "transfer" ? { transfer_to: sla.transfer_to ?? { type: "manager" } } : {}) })} />
          </Form.Item>
          {sla.on_overdue === "transfer" && (
            <Form.Item label={t("human.transferTo")} style={{ marginBottom: 8 }}>
              <ApproverPicker single value={sla.transfer_to ? [sla.transfer_to] : []} testId={`${testId}-transfer`}
                onChange={(list) => set({ transfer_to: list[0] })} />
            </Form.Item>
          )}
        </>
      )}
    </div>
  );
}
