/** Add or edit one channel of the app: name, type, display name, enabled and the configuration
 * form generated from the type's config_schema; saving PUTs it (secrets left empty are kept). */
import { App, Button, Divider, Drawer, Form, Input, Select, Space, Switch } from "antd";
import { useEffect, useMemo, useState } from "react";
import { ApiError, errorText } from "../../api/client";
import { useErrorReport } from "../../hooks/useErrorReport";
import { textOf, useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { useNotifyText } from "../i18n";
import type { ChannelInfo, ChannelType } from "../types";
import ConfigFields from "./ConfigFields";
import { configBody, fieldOfError, initialValues, schemaFields } from "./schemaFields";

export const NAME_RE = /^[a-z][a-z0-9_]{0,40}$/;

interface Props {
  app: string;
  open: boolean;
  /** null: a new channel */
  channel: ChannelInfo | null;
  types: ChannelType[];
  taken: string[];
  onClose: () => void;
  onSaved: (c: ChannelInfo) => void;
}

export default function ChannelDrawer({ app, open, channel, types, taken, onClose, onSaved }: Props) {
  const { t } = useNotifyText();
  const { tx, lang } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [form] = Form.useForm();
  const [type, setType] = useState<string | undefined>(channel?.type);
  const [saving, setSaving] = useState(false);
  const typeInfo = types.find((x) => x.type === type);
  const fields = useMemo(() => schemaFields(typeInfo?.config_schema, channel?.type === type ? channel?.secrets_set : []),
    [typeInfo, channel, type]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setType(channel?.type);
    form.setFieldsValue({
      name: channel?.name, type: channel?.type, label_zh: channel?.label?.zh, label_en: channel?.label?.en,
      enabled: channel?.enabled ?? true,
      config: initialValues(schemaFields(types.find((x) => x.type === channel?.type)?.config_schema), channel?.config),
    });
  }, [open, channel, types, form]);

  const changeType = (next: string) => {
    setType(next);
    form.setFieldValue("config", initialValues(schemaFields(types.find((x) => x.type === next)?.config_schema), null));
  };

  const save = async () => {
    let values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const name: string = channel?.name ?? values.name;
    const label = values.label_zh || values.label_en ? { zh: values.label_zh ?? "", en: values.label_en ?? "" } : undefined;
    setSaving(true);
    try {
      const saved = await notifyApi.saveChannel(app, name, {
        type: values.type, label, enabled: values.enabled, config: configBody(fields, values.config ?? {}),
      });
      message.success(t("channels.saved", { name }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) {
        const named = err.errors.map((e) => ({ field: fieldOfError(fields, e.field), text: textOf(e.message, lang) }));
        const d = err.details;
        named.push({ field: fieldOfError(fields, d?.field ?? d?.path), text: errorText(err, lang) });
        const byField = new Map<string, string[]>();
        for (const n of named) if (n.field) byField.set(n.field, [...(byField.get(n.field) ?? []), n.text]);
        form.setFields([...byField].map(([f, errors]) => ({ name: ["config", f], errors })));
      }
      report(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={Math.min(560, window.innerWidth)}
      title={channel ? t("channels.edit", { name: channel.name }) : t("channels.add")}
      destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t("common.cancel")}</Button>
        <Button type="primary" loading={saving} onClick={save} data-testid="channel-save">{t("common.save")}</Button></Space>}
    >
      <Form form={form} layout="vertical" data-testid="channel-form" requiredMark>
        <Form.Item name="name" label={t("channels.name")} extra={channel ? undefined : t("channels.nameHint")}
          rules={channel ? [] : [
            { required: true, message: t("templates.required", { what: t("channels.name") }) },
            { pattern: NAME_RE, message: t("channels.nameInvalid") },
            { validator: (_, v) => (taken.includes(v) ? Promise.reject(new Error(t("channels.nameTaken", { name: v }))) : Promise.resolve()) },
          ]}>
          <Input disabled={Boolean(channel)} data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="type" label={t("channels.type")} rules={[{ required: true, message: t("templates.required", { what: t("channels.type") }) }]}>
          <Select data-testid="channel-type" onChange={changeType} disabled={Boolean(channel)}
            options={types.map((x) => ({ value: x.type, label: `${tx(x.label, x.type)} (${x.type})` }))} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="label_zh" label={`${t("channels.label")} · ${t("templates.zh")}`} style={{ flex: 1, marginInlineEnd: 8 }}>
            <Input />
          </Form.Item>
          <Form.Item name="label_en" label={`${t("channels.label")} · ${t("templates.en")}`} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="enabled" label={t("channels.enabled")} valuePropName="checked"><Switch /></Form.Item>
        {typeInfo && (
          <>
            <Divider titlePlacement="start">{t("channels.config")}</Divider>
            <div data-testid="channel-config"><ConfigFields fields={fields} prefix="config" /></div>
          </>
        )}
      </Form>
    </Drawer>
  );
}

