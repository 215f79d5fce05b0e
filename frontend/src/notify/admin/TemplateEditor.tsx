/** Edit one template (key, name, form, urgency, zh / en subject and body, optional HTML,
 * per-channel variants) beside its preview; save the draft, or save and publish. */
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, Collapse, Form, Input, Result, Row, Select, Space, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApiError, errorText } from "../../api/client";
import type { FormSummary } from "../../api/types";
import { useErrorReport } from "../../hooks/useErrorReport";
import { useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { useNotifyText } from "../i18n";
import { emptyValues, KEY_RE, toTemplate, toValues, URGENCIES, type TemplateValues } from "./templateModel";
import TemplatePreview from "./TemplatePreview";

interface Props {
  app: string;
  /** null: a new template */
  templateKey: string | null;
  taken: string[];
  channels: string[];
  forms: FormSummary[];
  onBack: () => void;
  onSaved: (key: string) => void;
}

const BODY_ROWS = { minRows: 4, maxRows: 14 };

export default function TemplateEditor({ app, templateKey, taken, channels, forms, onBack, onSaved }: Props) {
  const { t } = useNotifyText();
  const { tx, lang } = useLang();
  const { message } = App.useApp();
  const report = useErrorReport();
  const [form] = Form.useForm<TemplateValues>();
  const [loading, setLoading] = useState(Boolean(templateKey));
  const [failed, setFailed] = useState<unknown>();
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const chosenForm = Form.useWatch("form", form) ?? null;

  useEffect(() => {
    if (!templateKey) {
      form.setFieldsValue(emptyValues());
      return;
    }
    setLoading(true);
    notifyApi.template(app, templateKey).then((body) => {
      form.setFieldsValue(toValues(body, templateKey));
      setLoading(false);
    }, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) form.setFieldsValue(emptyValues(templateKey));
      else setFailed(err);
      setLoading(false);
    });
  }, [app, templateKey, form]);

  const current = () => toTemplate({ ...emptyValues(), ...form.getFieldsValue(true) } as TemplateValues);
  const save = async (publish: boolean) => {
    try {
      await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const body = current();
    setBusy(publish ? "publish" : "save");
    try {
      await notifyApi.saveTemplate(app, body.id, body);
      if (publish) {
        const { version } = await notifyApi.publishTemplate(app, body.id);
        message.success(t("templates.publishedOk", { version }));
      } else message.success(t("templates.saved"));
      onSaved(body.id);
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  if (failed) return <Result status="warning" title={errorText(failed, lang)} extra={<Button onClick={onBack}>{t("common.back")}</Button>} />;
  const required = (what: string) => [{ required: true, message: t("templates.required", { what }) }];
  const pair = (name: "label" | "subject" | "body" | "html", label: string, area: boolean, need: boolean) => (
    <Row gutter={12}>
      {(["zh", "en"] as const).map((l) => (
        <Col xs={24} md={12} key={l}>
          <Form.Item name={[name, l]} label={`${label} · ${t(`templates.${l}`)}`} rules={need ? required(`${label} · ${t(`templates.${l}`)}`) : []}>
            {area ? <Input.TextArea autoSize={BODY_ROWS} data-testid={`tpl-${name}-${l}`} /> : <Input data-testid={`tpl-${name}-${l}`} />}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
  return (
    <Spin spinning={loading}>
      <div className="trellis-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>{t("common.back")}</Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {templateKey ? t("templates.editTitle", { name: templateKey }) : t("templates.newTitle")}
        </Typography.Title>
        <div className="grow" />
        <Space wrap>
          <Button loading={busy === "save"} disabled={busy != null} onClick={() => save(false)} data-testid="tpl-save">{t("templates.saveDraft")}</Button>
          <Button type="primary" loading={busy === "publish"} disabled={busy != null} onClick={() => save(true)} data-testid="tpl-publish">
            {t("templates.publish")}
          </Button>
        </Space>
      </div>
      <div className="trellis-template-grid" style={{ display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)", gap: 12 }}>
        <div className="trellis-card">
          <Form form={form} layout="vertical" data-testid="template-form">
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name="id" label={t("templates.key")} extra={templateKey ? undefined : t("templates.keyHint")}
                  rules={templateKey ? [] : [...required(t("templates.key")), { pattern: KEY_RE, message: t("templates.keyInvalid") },
                    { validator: (_, v) => (taken.includes(v) ? Promise.reject(new Error(t("channels.nameTaken", { name: v }))) : Promise.resolve()) }]}>
                  <Input disabled={Boolean(templateKey)} data-testid="tpl-key" />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="form" label={t("templates.form")}>
                  <Select allowClear placeholder={t("templates.noForm")} data-testid="tpl-form"
                    options={forms.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="urgency" label={t("templates.urgency")}>
                  <Select options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} data-testid="tpl-urgency" />
                </Form.Item>
              </Col>
            </Row>
            {pair("label", t("templates.label"), false, false)}
            {pair("subject", t("templates.subject"), false, true)}
            {pair("body", t("templates.body"), true, true)}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("templates.variables")}</Typography.Paragraph>
            <Collapse size="small" items={[
              { key: "html", label: t("templates.html"), children: pair("html", "HTML", true, false) },
              {
                key: "variants", label: t("templates.variants"), children: (
                  <Form.List name="variants">
                    {(rows, { add, remove }) => (
                      <>
                        <Typography.Paragraph type="secondary">{t("templates.variantHint")}</Typography.Paragraph>
                        {rows.map((row) => (
                          <div key={row.key} className="trellis-variant" style={{ borderBottom: "1px dashed #f0f0f0", marginBottom: 12 }}>
                            <Space align="start" wrap>
                              <Form.Item name={[row.name, "channel"]} label={t("templates.channel")} rules={required(t("templates.channel"))}>
                                <Select style={{ minWidth: 140 }} options={channels.map((c) => ({ value: c, label: c }))} />
                              </Form.Item>
                              <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                                {t("templates.removeVariant")}
                              </Button>
                            </Space>
                            {(["subject", "body", "html"] as const).map((part) => (
                              <Row gutter={12} key={part}>
                                {(["zh", "en"] as const).map((l) => (
                                  <Col xs={24} md={12} key={l}>
                                    <Form.Item name={[row.name, part, l]}
                                      label={`${part === "html" ? "HTML" : t(`templates.${part}`)} · ${t(`templates.${l}`)}`}>
                                      {part === "subject" ? <Input /> : <Input.TextArea autoSize={BODY_ROWS} />}
                                    </Form.Item>
                                  </Col>
                                ))}
                              </Row>
                            ))}
                          </div>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ channel: undefined, subject: {}, body: {}, html: {} })}>{t("templates.addVariant")}</Button>
                      </>
                    )}
                  </Form.List>
                ),
              },
            ]} />
          </Form>
        </div>
        <TemplatePreview app={app} form={chosenForm} channels={channels} current={current} />
      </div>
    </Spin>
  );
}
