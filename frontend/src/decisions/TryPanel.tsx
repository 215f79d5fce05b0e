/** "Try it": values for the table's inputs, evaluated by the published version
 * (POST .../decisions/<key>/evaluate); shows the outputs and the rule that decided. */
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { decisionApi, type Evaluation } from "./api";
import { DECISIONS_NS } from "./i18n";
import type { Column, Decision } from "./model";

interface Props {
  app: string;
  decision: Decision;
  onMatched: (rules: number[]) => void;
}

export default function TryPanel({ app, decision, onMatched }: Props) {
  const { t } = useTranslation(DECISIONS_NS);
  const { tx, lang } = useLang();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const inputs = Object.fromEntries(decision.inputs.map((c) => [c.id, values[c.id] ?? null]));
      const r = await decisionApi.evaluate(app, decision.id, inputs);
      setResult(r);
      onMatched(r.rules ?? (r.rule == null ? [] : [r.rule]));
    } catch (err) {
      setResult(null);
      onMatched([]);
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const input = (c: Column) => {
    const set = (v: unknown) => setValues((all) => ({ ...all, [c.id]: v }));
    if (c.type === "number") {
      return <InputNumber style={{ width: "100%" }} value={values[c.id] as number | null} onChange={set} data-testid={`try-${c.id}`} />;
    }
    if (c.type === "bool") {
      return <Select allowClear value={values[c.id] as boolean | undefined} onChange={set} data-testid={`try-${c.id}`}
        options={[{ value: true, label: t("tryIt.yes") }, { value: false, label: t("tryIt.no") }]} />;
    }
    return <Input value={(values[c.id] as string) ?? ""} placeholder={c.type === "date" ? "YYYY-MM-DD" : undefined}
      onChange={(e) => set(e.target.value || null)} data-testid={`try-${c.id}`} />;
  };
  const outputs = result ? (Array.isArray(result.outputs) ? result.outputs : [result.outputs]) : [];
  const matched = result?.rules ?? (result?.rule == null ? [] : [result.rule]);

  return (
    <Card size="small" title={t("tryIt.title")} className="tdc-try" data-testid="decision-try">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("tryIt.intro")}</Typography.Paragraph>
      <Form layout="vertical" size="small" onFinish={() => void run()}>
        <div className="tdc-try-inputs">
          {decision.inputs.map((c) => (
            <Form.Item key={c.id} label={tx(c.label, c.id)} style={{ marginBottom: 8 }}>{input(c)}</Form.Item>
          ))}
        </div>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="decision-try-run">{t("tryIt.run")}</Button>
      </Form>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="decision-try-result">
          <Typography.Text type="secondary">
            {matched.length === 0 ? t("tryIt.noMatch")
              : matched.length === 1 ? t("tryIt.matched", { n: matched[0] + 1 })
                : t("tryIt.matchedMany", { list: matched.map((n) => n + 1).join(", ") })}
          </Typography.Text>
          {outputs.map((o, k) => (
            <Descriptions key={k} size="small" column={1} bordered style={{ marginTop: 8 }}
              items={decision.outputs.map((c) => ({ key: c.id, label: tx(c.label, c.id), children: String(o[c.id] ?? "—") }))} />
          ))}
        </div>
      )}
    </Card>
  );
}
