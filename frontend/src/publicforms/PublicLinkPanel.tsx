/**
 * The 外链发布 panel of a form: whether its public page is open, the fields it shows, its texts,
 * captcha and hourly limits, the field that marks where a record came from; then the link to copy
 * or open, a new address (the old one stops), and the link as a QR code to download as PNG.
 * A link is a `public_link` definition saved and published through the definitions API; its
 * token is the server's.
 */
import { CopyOutlined, DownloadOutlined, ExportOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert, App as AntApp, Button, Checkbox, Divider, Drawer, Form, Input, InputNumber, Popconfirm, QRCode, Select, Space,
  Spin, Switch, Tag, Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, errorText } from "../api/client";
import { traitsOf } from "../api/fieldTypes";
import type { FieldDef, FormDef, Text } from "../api/types";
import { useLang } from "../i18n/text";
import { usePublicText } from "./i18n";
import { linkUrl, publicApi, type PublicLinkDef, type PublicLinkItem } from "./publicApi";

interface Props {
  app: string;
  form: string;
  open: boolean;
  onClose: () => void;
}

interface Values {
  label_zh: string;
  enabled: boolean;
  fields: string[];
  title_zh?: string; title_en?: string;
  description_zh?: string; description_en?: string;
  success_zh?: string; success_en?: string;
  captcha: boolean;
  rate_limit_per_hour: number;
  link_limit_per_hour: number;
  source_field?: string;
  source_value?: string;
}

/** A plain value a visitor can type (what the server lets a public page show). */
export function fillable(f: FieldDef): boolean {
  const tr = traitsOf(f.type);
  return !f.hidden && !f.readonly && !f.deleted && tr.inline_editable && !tr.references && !tr.generated;
}

function stampable(f: FieldDef): boolean {
  const tr = traitsOf(f.type);
  return !f.deleted && tr.sql_kind === "text" && !tr.references && !tr.generated;
}

const text = (zh?: string, en?: string): Text | undefined =>
  zh?.trim() ? { zh: zh.trim(), ...(en?.trim() ? { en: en.trim() } : {}) } : undefined;

function toValues(def: PublicLinkDef | undefined, form: FormDef): Values {
  return {
    label_zh: def?.label.zh ?? form.label?.zh ?? form.id,
    enabled: def?.enabled ?? true,
    fields: def?.fields ?? form.fields.filter((f) => fillable(f) && f.required).map((f) => f.id),
    title_zh: def?.title?.zh ?? form.label?.zh, title_en: def?.title?.en ?? form.label?.en,
    description_zh: def?.description?.zh, description_en: def?.description?.en,
    success_zh: def?.success_message?.zh, success_en: def?.success_message?.en,
    captcha: def?.captcha ?? true,
    rate_limit_per_hour: def?.rate_limit_per_hour ?? 10,
    link_limit_per_hour: def?.link_limit_per_hour ?? 500,
    source_field: def?.source?.field,
    source_value: def?.source?.value,
  };
}

function toDef(key: string, form: FormDef, v: Values): PublicLinkDef {
  const out: PublicLinkDef = {
    schema_version: 1, id: key, form: form.id, label: { zh: v.label_zh.trim() || form.id }, enabled: v.enabled,
    fields: v.fields, captcha: v.captcha, rate_limit_per_hour: v.rate_limit_per_hour, link_limit_per_hour: v.link_limit_per_hour,
  };
  const title = text(v.title_zh, v.title_en);
  const description = text(v.description_zh, v.description_en);
  const success = text(v.success_zh, v.success_en);
  if (title) out.title = title;
  if (description) out.description = description;
  if (success) out.success_message = success;
  if (v.source_field && v.source_value) out.source = { field: v.source_field, value: v.source_value };
  return out;
}

export default function PublicLinkPanel({ app, form, open, onClose }: Props) {
  const { t } = usePublicText();
  const { lang, tx } = useLang();
  const { message } = AntApp.useApp();
  const [def, setDef] = useState<FormDef>();
  const [items, setItems] = useState<PublicLinkItem[]>();
  const [key, setKey] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [values] = Form.useForm<Values>();
  const qrBox = useRef<HTMLDivElement>(null);
  const item = items?.find((i) => i.id === key);
  const sourceField = Form.useWatch("source_field", values);

  const reload = async (want?: string) => {
    const [formDef, links] = await Promise.all([api.form(app, form), publicApi.links(app, form)]);
    const chosen = want ?? links[0]?.id ?? form;
    const body = links.some((l) => l.id === chosen) ? await publicApi.definition(app, chosen) : undefined;
    setDef(formDef);
    setItems(links);
    setKey(chosen);
    values.setFieldsValue(toValues(body, formDef));
  };

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    reload().catch(setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, app, form]);

  const choices = useMemo(() => (def?.fields ?? []).filter((f) => fillable(f) && f.id !== sourceField)
    .map((f) => ({ value: f.id, label: tx(f.label, f.id) })), [def, tx, sourceField]);
  const sources = useMemo(() => (def?.fields ?? []).filter(stampable)
    .map((f) => ({ value: f.id, label: tx(f.label, f.id) })), [def, tx]);
  const sourceDef = def?.fields.find((f) => f.id === sourceField);

  const save = async () => {
    if (!def || !key) return;
    const v = await values.validateFields();
    setSaving(true);
    try {
      await publicApi.save(app, toDef(key, def, v));
      message.success(t("panel.saved"));
      await reload(key);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };

  const regenerate = async () => {
    if (!key) return;
    try {
      await publicApi.regenerate(app, key);
      message.success(t("panel.regenerated"));
      await reload(key);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  const url = item?.path ? linkUrl(item.path) : undefined;
  const copy = async () => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    message.success(t("panel.copied"));
  };
  const download = () => {
    const canvas = qrBox.current?.querySelector("canvas");
    if (!canvas) return;
    const a = document.createElement("a");
    a.href = canvas.toDataURL("image/png");
    a.download = `${key ?? form}-qrcode.png`;
    a.click();
  };

  return (
    <Drawer open={open} onClose={onClose} size="large" destroyOnHidden data-testid="public-link-panel"
      title={t("panel.title", { form: tx(def?.label, form) })}>
      {error !== undefined ? <Alert type="warning" showIcon title={errorText(error, lang)} /> : !def ? <Spin /> : (
        <>
          <Typography.Paragraph type="secondary">{t("panel.intro")}</Typography.Paragraph>
          {(items?.length ?? 0) > 1 && (
            <Form.Item label={t("panel.link")}>
              <Select value={key} onChange={(k) => void reload(k).catch(setError)}
                options={items!.map((i) => ({ value: i.id, label: tx(i.label, i.id) }))} />
            </Form.Item>
          )}
          <section className="pf-panel-link" data-testid="public-link-address">
            {url ? (
              <Space align="start" wrap size={16}>
                <div ref={qrBox} data-testid="public-link-qr">
                  <QRCode value={url} type="canvas" size={168} status={item?.enabled ? "active" : "expired"} />
                </div>
                <Space orientation="vertical" size={8} style={{ maxWidth: 340 }}>
                  <Typography.Text strong>{t("panel.address")}{!item?.enabled && <Tag style={{ marginInlineStart: 8 }}>{t("panel.disabledTag")}</Tag>}</Typography.Text>
                  <Typography.Text code copyable={false} data-testid="public-link-url" style={{ wordBreak: "break-all" }}>{url}</Typography.Text>
                  <Space wrap>
                    <Button icon={<CopyOutlined />} onClick={() => void copy()}>{t("panel.copy")}</Button>
                    <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noreferrer">{t("panel.open")}</Button>
                    <Button icon={<DownloadOutlined />} onClick={download} data-testid="public-link-download">{t("panel.download")}</Button>
                    <Popconfirm title={t("panel.regenerateConfirm")} onConfirm={() => void regenerate()}>
                      <Button danger icon={<ReloadOutlined />} data-testid="public-link-regenerate">{t("panel.regenerate")}</Button>
                    </Popconfirm>
                  </Space>
                </Space>
              </Space>
            ) : <Alert type="info" showIcon title={t("panel.notYet")} />}
          </section>
          <Divider />
          <Form form={values} layout="vertical" requiredMark={false}>
            <Space size={24} wrap>
              <Form.Item name="enabled" label={t("panel.enabled")} valuePropName="checked" extra={t("panel.enabledHelp")}>
                <Switch data-testid="public-link-enabled" />
              </Form.Item>
              <Form.Item name="captcha" label={t("panel.captcha")} valuePropName="checked">
                <Switch data-testid="public-link-captcha" />
              </Form.Item>
            </Space>
            <Form.Item name="label_zh" label={t("panel.name")} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="fields" label={t("panel.fields")} extra={t("panel.fieldsHelp")}
              rules={[{ required: true, type: "array", min: 1, message: t("panel.pickFields") }]}>
              <Checkbox.Group options={choices} data-testid="public-link-fields" />
            </Form.Item>
            <Form.Item label={t("panel.pageTitle")} style={{ marginBottom: 0 }}>
              <Space.Compact block>
                <Form.Item name="title_zh" noStyle><Input placeholder={t("panel.zh")} maxLength={100} /></Form.Item>
                <Form.Item name="title_en" noStyle><Input placeholder={t("panel.en")} maxLength={100} /></Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t("panel.description")} style={{ marginTop: 16 }}>
              <Form.Item name="description_zh" noStyle><Input.TextArea placeholder={t("panel.zh")} autoSize={{ minRows: 2 }} maxLength={500} /></Form.Item>
              <Form.Item name="description_en" noStyle><Input.TextArea placeholder={t("panel.en")} autoSize={{ minRows: 2 }} maxLength={500} style={{ marginTop: 8 }} /></Form.Item>
            </Form.Item>
            <Form.Item label={t("panel.success")}>
              <Space.Compact block>
                <Form.Item name="success_zh" noStyle><Input placeholder={t("panel.zh")} maxLength={200} /></Form.Item>
                <Form.Item name="success_en" noStyle><Input placeholder={t("panel.en")} maxLength={200} /></Form.Item>
              </Space.Compact>
            </Form.Item>
            <Space size={24} wrap>
              <Form.Item name="rate_limit_per_hour" label={t("panel.limit")} rules={[{ required: true }]}>
                <InputNumber min={1} max={100000} precision={0} suffix={t("panel.times") || undefined} />
              </Form.Item>
              <Form.Item name="link_limit_per_hour" label={t("panel.linkLimit")} rules={[{ required: true }]}>
                <InputNumber min={1} max={1000000} precision={0} suffix={t("panel.times") || undefined} />
              </Form.Item>
            </Space>
            <Space size={16} wrap align="start">
              <Form.Item name="source_field" label={t("panel.source")} extra={t("panel.sourceHelp")} style={{ minWidth: 220 }}>
                <Select allowClear placeholder={t("panel.sourceNone")} options={sources}
                  onChange={(id?: string) => {
                    values.setFieldValue("source_value", undefined);
                    values.setFieldValue("fields", (values.getFieldValue("fields") as string[] ?? []).filter((f) => f !== id));
                  }} />
              </Form.Item>
              {sourceField && (
                <Form.Item name="source_value" label={t("panel.sourceValue")} rules={[{ required: true }]} style={{ minWidth: 180 }}>
                  {sourceDef?.options?.length
                    ? <Select options={sourceDef.options.map((o) => ({ value: o.value, label: tx(o.label, o.value) }))} />
                    : <Input maxLength={100} />}
                </Form.Item>
              )}
            </Space>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="public-link-save">{t("panel.save")}</Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
