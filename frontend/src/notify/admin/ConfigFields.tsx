/** The channel drawer's configuration inputs, one per property of the type's config_schema
 * (see schemaFields.ts); a stored secret shows as a password input that may stay empty. */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n/text";
import { useNotifyText } from "../i18n";
import type { FieldSpec } from "./schemaFields";

function MapInput({ name, secret }: { name: string[]; secret?: string }) {
  const { t } = useNotifyText();
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Space key={row.key} align="baseline" style={{ display: "flex", marginBottom: 4 }} wrap={false}>
              <Form.Item name={[row.name, "key"]} noStyle><Input placeholder={t("channels.key")} style={{ width: 140 }} /></Form.Item>
              <Form.Item name={[row.name, "value"]} noStyle>
                {secret ? <Input.Password autoComplete="new-password" placeholder={t("channels.value")} style={{ width: 180 }} />
                  : <Input placeholder={t("channels.value")} style={{ width: 180 }} />}
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t("common.delete")} />
            </Space>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ key: "", value: "" })}>
            {t("channels.addEntry")}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export default function ConfigFields({ fields, prefix }: { fields: FieldSpec[]; prefix: string }) {
  const { t } = useNotifyText();
  const { tx } = useLang();
  if (!fields.length) return <p style={{ color: "#8c8c8c" }}>{t("channels.noConfig")}</p>;
  return (
    <>
      {fields.map((f) => {
        const label = tx(f.label, f.name);
        const rules = f.required ? [{ required: true, message: t("templates.required", { what: label }) }] : [];
        let input: ReactNode;
        let valuePropName: string | undefined;
        if (f.kind === "map") {
          const secret = f.secret ? t(f.secretSet ? "channels.secretSet" : "channels.secretEmpty") : undefined;
          return (
            <Form.Item key={f.name} label={label} extra={[f.help ? tx(f.help) : "", secret ?? ""].filter(Boolean).join(" · ") || undefined}>
              <MapInput name={[prefix, f.name]} secret={secret} />
            </Form.Item>
          );
        }
        if (f.kind === "password") {
          input = <Input.Password autoComplete="new-password" data-testid={`config-${f.name}`}
            placeholder={f.secretSet ? t("channels.secretSet") : t("channels.secretEmpty")} />;
        } else if (f.kind === "bool") {
          input = <Switch data-testid={`config-${f.name}`} />;
          valuePropName = "checked";
        } else if (f.kind === "int" || f.kind === "num") {
          input = <InputNumber min={f.min} max={f.max} precision={f.kind === "int" ? 0 : undefined} style={{ width: "100%" }}
            data-testid={`config-${f.name}`} />;
        } else if (f.kind === "choice") {
          input = <Select options={f.options} allowClear={!f.required} data-testid={`config-${f.name}`} />;
        } else if (f.kind === "tags") {
          input = <Select mode="tags" open={false} tokenSeparators={[",", " "]} data-testid={`config-${f.name}`} />;
        } else if (f.kind === "textarea") {
          input = <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`config-${f.name}`} />;
        } else {
          input = <Input data-testid={`config-${f.name}`} />;
        }
        return (
          <Form.Item key={f.name} name={[prefix, f.name]} label={label} rules={rules} valuePropName={valuePropName}
            extra={f.help ? tx(f.help) : undefined}>
            {input}
          </Form.Item>
        );
      })}
    </>
  );
}
