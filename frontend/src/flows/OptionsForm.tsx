/** A flow's options in the trigger panel: enabled, whose permissions it runs with, the
 * frequency cap per record, re-entry and what a failed step does. */
import { Form, InputNumber, Radio, Select, Space, Switch } from "antd";
import { useState } from "react";
import { searchUsers, type Choice } from "../registries/search";
import { useFlowText } from "./i18n";
import type { Flow } from "./types";

export default function OptionsForm({ flow, onChange }: { flow: Flow; onChange: (flow: Flow) => void }) {
  const { t } = useFlowText();
  const [users, setUsers] = useState<Choice[]>([]);
  const runAs = flow.run_as ?? "trigger_user";
  const fixed = typeof runAs === "object" ? runAs.user : null;
  const set = (patch: Partial<Flow>) => {
    const next = { ...flow, ...patch };
    for (const k of Object.keys(patch) as (keyof Flow)[]) if (patch[k] === undefined) delete next[k];
    onChange(next);
  };
  return (
    <Form layout="vertical" data-testid="flow-options">
      <Form.Item label={t("panel.enabled")}>
        <Switch checked={flow.enabled !== false} onChange={(enabled) => set({ enabled })} data-testid="flow-option-enabled" />
      </Form.Item>
      <Form.Item label={t("panel.runAs")}>
        <Radio.Group value={fixed === null && runAs === "trigger_user" ? "trigger" : "user"}
          onChange={(e) => set({ run_as: e.target.value === "trigger" ? undefined : { user: fixed ?? 0 } })}>
          <Space orientation="vertical">
            <Radio value="trigger">{t("panel.runAsTrigger")}</Radio>
            <Radio value="user">{t("panel.runAsUser")}</Radio>
          </Space>
        </Radio.Group>
        {typeof runAs === "object" && (
          <Select<number> showSearch filterOption={false} style={{ width: 220, marginTop: 8 }} value={fixed || undefined}
            onSearch={(q) => void searchUsers(q).then(setUsers)} onFocus={() => void searchUsers("").then(setUsers)}
            options={fixed && !users.some((u) => u.value === fixed) ? [{ value: fixed, label: `#${fixed}` }, ...users] : users}
            onChange={(user) => set({ run_as: { user } })} />
        )}
      </Form.Item>
      <Form.Item label={t("panel.cap")}>
        <Space wrap>
          <Switch checked={Boolean(flow.cap)} onChange={(on) => set({ cap: on ? { times: 1, days: 1 } : undefined })} />
          {flow.cap ? (
            <>
              <span>{t("panel.capTimes")}</span>
              <InputNumber min={1} max={1000} value={flow.cap.times} style={{ width: 72 }}
                onChange={(times) => set({ cap: { ...flow.cap!, times: times ?? 1 } })} />
              <span>{t("panel.capUnit")}</span>
              <InputNumber min={1} max={3660} value={flow.cap.days} style={{ width: 72 }}
                onChange={(days) => set({ cap: { ...flow.cap!, days: days ?? 1 } })} />
              <span>{t("panel.capDays")}</span>
            </>
          ) : <span>{t("panel.capOff")}</span>}
        </Space>
      </Form.Item>
      <Form.Item label={t("panel.reentry")}>
        <Select value={flow.reentry ?? "one_live"} onChange={(reentry) => set({ reentry })}
          options={[{ value: "one_live", label: t("panel.reentryOneLive") }, { value: "allow", label: t("panel.reentryAllow") }]} />
      </Form.Item>
      <Form.Item label={t("panel.onFailure")}>
        <Select value={flow.on_failure ?? "stop"} onChange={(on_failure) => set({ on_failure })}
          options={[{ value: "stop", label: t("panel.failStop") }, { value: "continue", label: t("panel.failContinue") }]} />
      </Form.Item>
    </Form>
  );
}
