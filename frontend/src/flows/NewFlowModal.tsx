/** A new flow: its key and names, automation or journey, the form and the trigger type (提交时发起审批
 * takes the form's approval status field at once); the draft is saved and the editor opens. */
import { Form, Input, Modal, Radio, Select, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { metaCache } from "../api/cache";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { flowApi } from "./api";
import { statusFieldOf } from "./approvers";
import { useFlowText } from "./i18n";
import { blankFlow, FLOW_KEY } from "./model";
import type { FlowKind } from "./types";

interface Values {
  key: string;
  zh: string;
  en?: string;
  kind: FlowKind;
  form?: string;
  trigger: string;
}

export default function NewFlowModal({ app, taken, onClose }: { app: string; taken: Set<string>; onClose: () => void }) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const forms = useAsync(() => metaCache.forms(app), [app]).data ?? [];
  const types = useAsync(() => flowApi.types(), []).data;
  const trigger = Form.useWatch("trigger", form);
  const needsForm = types?.triggers.find((x) => x.key === trigger)?.needs_form ?? true;

  const create = async () => {
    const v = await form.validateFields();
    setFailure(null);
    try {
      const flow = blankFlow(v.key, { zh: v.zh, en: v.en || undefined }, v.kind, v.form, v.trigger);
      if (v.trigger === "submitted" && v.form) { // 提交时发起审批 needs its status field from the start
        const status = statusFieldOf((await metaCache.form(app, v.form)).fields.filter((f) => !f.deleted));
        if (!status) {
          setFailure(t("submitted.noStatusFields"));
          return;
        }
        flow.trigger.status_field = status;
      }
      await flowApi.save(app, v.key, flow);
      navigate(`/apps/${app}/flows/${v.key}`);
    } catch (err) {
      setFailure(errorText(err, lang));
    }
  };

  return (
    <Modal open title={t("list.createTitle")} onCancel={onClose} onOk={() => void create()} destroyOnHidden
      okButtonProps={{ "data-testid": "flow-new-ok" }}>
      <Form form={form} layout="vertical" initialValues={{ kind: "automation", trigger: "record_updated" }}>
        <Form.Item name="kind" label={t("list.kind")}>
          <Radio.Group data-testid="flow-new-kind"
            options={(["automation", "journey"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="key" label={t("list.key")} extra={t("list.keyHelp")}
          rules={[{ required: true, pattern: FLOW_KEY, message: t("list.keyBad") },
            { validator: (_, v) => (taken.has(v) ? Promise.reject(new Error(t("list.keyTaken"))) : Promise.resolve()) }]}>
          <Input data-testid="flow-new-key" />
        </Form.Item>
        <Form.Item name="zh" label={t("list.nameZh")} rules={[{ required: true }]}>
          <Input data-testid="flow-new-zh" />
        </Form.Item>
        <Form.Item name="en" label={t("list.nameEn")}>
          <Input data-testid="flow-new-en" />
        </Form.Item>
        <Form.Item name="trigger" label={t("list.trigger")} rules={[{ required: true }]}>
          <Select data-testid="flow-new-trigger" loading={!types}
            options={(types?.triggers ?? []).map((x) => ({ value: x.key, label: tx(x.label, x.key) }))} />
        </Form.Item>
        <Form.Item name="form" label={t("list.form")} rules={[{ required: needsForm }]}>
          <Select data-testid="flow-new-form" allowClear showSearch optionFilterProp="label"
            options={forms.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
        </Form.Item>
      </Form>
      {failure && <Typography.Text type="danger">{failure}</Typography.Text>}
    </Modal>
  );
}
