/** Any JSON value, edited as text; parsed when the text is valid JSON. */
import { Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../types";

const show = (v: unknown) => (v === undefined || v === null ? "" : JSON.stringify(v, null, 2));

export default function JsonWidget({ value, onChange, disabled, invalid, id }: WidgetProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(show(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText((old) => {
      try {
        return JSON.stringify(old.trim() ? JSON.parse(old) : undefined) === JSON.stringify(value) ? old : show(value);
      } catch {
        return old;
      }
    });
  }, [value]);
  const edit = (next: string) => {
    setText(next);
    if (!next.trim()) { setBad(false); onChange(undefined); return; }
    try {
      onChange(JSON.parse(next));
      setBad(false);
    } catch {
      setBad(true);
    }
  };
  return (
    <>
      <Input.TextArea id={id} value={text} disabled={disabled} autoSize={{ minRows: 3, maxRows: 12 }}
        status={invalid || bad ? "error" : undefined} style={{ fontFamily: "monospace" }}
        onChange={(e) => edit(e.target.value)} />
      {bad && <Typography.Text type="danger">{t("record.jsonInvalid")}</Typography.Text>}
    </>
  );
}
