/** The template editor's preview: pick a record of the template's form, a channel and a language,
 * render the draft on the server and show the subject, text and HTML, or the error naming the line. */
import { EyeOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Segmented, Select } from "antd";
import { useState } from "react";
import { ApiError, errorText } from "../../api/client";
import type { FieldDef } from "../../api/types";
import { useDebouncedSearch } from "../../hooks/useDebouncedSearch";
import { textOf, useLang } from "../../i18n/text";
import { searchRecords } from "../../registries/search";
import SearchSelect from "../../registries/widgets/SearchSelect";
import { notifyApi } from "../api";
import { useNotifyText } from "../i18n";
import type { PreviewReply, Template } from "../types";

interface Props {
  app: string;
  form: string | null;
  channels: string[];
  /** the draft as the editor holds it now */
  current: () => Template;
}

export default function TemplatePreview({ app, form, channels, current }: Props) {
  const { t } = useNotifyText();
  const { lang: uiLang } = useLang();
  const [record, setRecord] = useState<number | undefined>();
  const [channel, setChannel] = useState<string | undefined>();
  const [lang, setLang] = useState<"zh" | "en">(uiLang);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PreviewReply | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // the record picker searches the template's form like a relation to it would
  const found = useDebouncedSearch((q: string) => (form ? searchRecords(app, { target: form } as FieldDef, q, uiLang) : Promise.resolve([])));

  const render = () => {
    setBusy(true);
    setProblem(null);
    notifyApi.preview(app, { template: current(), record: record ?? null, channel: channel ?? null, lang }).then((r) => {
      setResult(r);
    }, (err: unknown) => {
      setResult(null);
      // a definition's problems each name their text and line; else the reply's own message
      const lines = err instanceof ApiError && err.errors.length ? err.errors.map((e) => textOf(e.message, uiLang)).join("\n") : "";
      setProblem(lines || errorText(err, uiLang));
    }).finally(() => setBusy(false));
  };

  return (
    <div className="trellis-card" data-testid="template-preview">
      <Form layout="vertical">
        <Form.Item label={t("templates.record")} extra={form ? undefined : t("templates.needForm")}>
          <SearchSelect current={record} currentLabel={record != null ? `#${record}` : ""} found={found}
            placeholder={t("templates.recordHint")} disabled={!form} onChange={setRecord} id="preview-record" />
        </Form.Item>
        <Form.Item label={t("templates.channel")}>
          <Select allowClear value={channel} onChange={setChannel} placeholder={t("templates.noChannel")}
            options={channels.map((c) => ({ value: c, label: c }))} data-testid="preview-channel" />
        </Form.Item>
        <Form.Item label={t("templates.lang")}>
          <Segmented value={lang} onChange={(v) => setLang(v as "zh" | "en")}
            options={[{ value: "zh", label: "中文" }, { value: "en", label: "English" }]} />
        </Form.Item>
        <Button icon={<EyeOutlined />} onClick={render} loading={busy} data-testid="preview-render">{t("templates.render")}</Button>
      </Form>
      {problem && (
        <Alert type="error" showIcon style={{ marginTop: 12, whiteSpace: "pre-wrap" }} title={t("templates.previewError")}
          description={problem} data-testid="preview-error" />
      )}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="preview-result">
          <div className="trellis-preview-box">
            <div className="trellis-preview-subject" data-testid="preview-subject">{result.subject}</div>
            <div data-testid="preview-text">{result.text}</div>
          </div>
          {result.html && (
            <iframe title="html" sandbox="" srcDoc={result.html} className="trellis-preview-html"
              style={{ width: "100%", minHeight: 200, border: "1px solid #f0f0f0", borderRadius: 6, marginTop: 8, background: "#fff" }} />
          )}
        </div>
      )}
    </div>
  );
}
