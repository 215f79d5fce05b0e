/** A formula measure over the measures before it: picked (a measure, + − × ÷, a measure or a
 * number, optionally × 100) or written as JsonLogic ({"/": [{"var": "a"}, {"var": "b"}]}),
 * with its name and number format. Adds one at the end, or changes measure `index`. */
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Segmented, Select, Space } from "antd";
import { useState } from "react";
import type { JsonLogic } from "../api/types";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { OPERATORS, parseFormula, readSimple, simpleFormula, type Operator, type SimpleFormula } from "./formula";
import { useDesignerText } from "./i18n";
import { addFormula, cleanText, FORMATS, updateMeasure, type Format } from "./model";

interface Props {
  /** the formula measure to change; absent: a new one */
  index?: number;
  onClose: () => void;
}

export default function FormulaModal({ index, onClose }: Props) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, change } = useDesigner();
  const current = index === undefined ? undefined : def.measures[index];
  const earlier = def.measures.slice(0, index ?? def.measures.length);
  const ids = earlier.map((m) => m.id);
  const start = readSimple(current?.formula);
  const [mode, setMode] = useState<"simple" | "json">(current && !start ? "json" : "simple");
  const [simple, setSimple] = useState<SimpleFormula>(start ?? { left: ids[ids.length - 1] ?? "", op: "/", right: ids[0] ?? "" });
  const [text, setText] = useState(current?.formula ? JSON.stringify(current.formula) : "");
  const [zh, setZh] = useState(current?.label?.zh ?? "");
  const [en, setEn] = useState(current?.label?.en ?? "");
  const [format, setFormat] = useState<Format>(current?.format ?? "number");
  const [tried, setTried] = useState(false);

  const parsed = mode === "json" ? parseFormula(text, ids) : null;
  const logic: JsonLogic | null = mode === "simple"
    ? (simple.left && simple.right !== "" ? simpleFormula(simple) : null)
    : parsed && "logic" in parsed && !parsed.unknown.length ? parsed.logic : null;
  const label = cleanText({ zh, en });
  const options = earlier.map((m) => ({ value: m.id, label: tx(m.label, m.id) }));

  const ok = () => {
    setTried(true);
    if (!logic || !label) return;
    if (current && index !== undefined) change((d) => updateMeasure(d, index, { formula: logic, label, format }));
    else change((d) => addFormula(d, logic, label, format).def);
    onClose();
  };

  return (
    <Modal open title={t(current ? "formula.editTitle" : "formula.title")} onCancel={onClose} onOk={ok} destroyOnHidden
      okText={t("formula.ok")} cancelText={t("formula.cancel")} okButtonProps={{ disabled: !ids.length, "data-testid": "rd-formula-ok" }}
      width={Math.min(640, window.innerWidth - 16)}>
      {!ids.length ? <Alert type="info" showIcon title={t("formula.needEarlier")} /> : (
        <Form layout="vertical" size="small">
          <Segmented value={mode} onChange={(v) => setMode(v as "simple" | "json")} style={{ marginBottom: 12 }}
            options={[{ value: "simple", label: t("formula.simple") }, { value: "json", label: t("formula.json") }]} />
          {mode === "simple" ? (
            <Space wrap align="end">
              <Form.Item label={t("formula.left")}>
                <Select value={simple.left} options={options} style={{ minWidth: 150 }} data-testid="rd-formula-left"
                  onChange={(left: string) => setSimple({ ...simple, left })} />
              </Form.Item>
              <Form.Item label={t("formula.op")}>
                <Select value={simple.op} style={{ width: 96 }} data-testid="rd-formula-op" onChange={(op: Operator) => setSimple({ ...simple, op })}
                  options={OPERATORS.map((op) => ({ value: op, label: `${{ "+": "+", "-": "−", "*": "×", "/": "÷" }[op]} ${t(`formula.ops.${op}`)}` }))} />
              </Form.Item>
              <Form.Item label={t("formula.right")}>
                <Space.Compact>
                  <Select value={typeof simple.right === "number" ? "#" : simple.right} style={{ minWidth: 150 }} data-testid="rd-formula-right"
                    options={[...options, { value: "#", label: t("formula.number") }]}
                    onChange={(v: string) => setSimple({ ...simple, right: v === "#" ? 1 : v })} />
                  {typeof simple.right === "number" && (
                    <InputNumber value={simple.right} style={{ width: 96 }} onChange={(n) => setSimple({ ...simple, right: typeof n === "number" ? n : 0 })} />
                  )}
                </Space.Compact>
              </Form.Item>
              <Form.Item>
                <Checkbox checked={Boolean(simple.hundred)} onChange={(e) => setSimple({ ...simple, hundred: e.target.checked || undefined })}>
                  {t("formula.hundred")}
                </Checkbox>
              </Form.Item>
            </Space>
          ) : (
            <Form.Item extra={t("formula.earlier", { ids: ids.join(", ") })}
              validateStatus={text && parsed && ("error" in parsed || parsed.unknown.length) ? "error" : undefined}
              help={!text || !parsed ? undefined : "error" in parsed ? t(parsed.error === "json" ? "formula.badJson" : "formula.badShape")
                : parsed.unknown.length ? t("formula.unknown", { ids: parsed.unknown.join(", ") }) : undefined}>
              <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }}
                className="trd-mono" placeholder='{"/": [{"var": "a"}, {"var": "b"}]}' data-testid="rd-formula-json" />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item label={t("formula.label")} validateStatus={tried && !label ? "error" : undefined}
              help={tried && !label ? t("formula.needLabel") : undefined}>
              <Input value={zh} onChange={(e) => setZh(e.target.value)} data-testid="rd-formula-label" />
            </Form.Item>
            <Form.Item label={t("formula.labelEn")}>
              <Input value={en} onChange={(e) => setEn(e.target.value)} />
            </Form.Item>
            <Form.Item label={t("formula.format")}>
              <Select value={format} style={{ width: 110 }} onChange={setFormat}
                options={FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))} />
            </Form.Item>
          </Space>
          {mode === "simple" && logic && (
            <div className="trd-muted trd-mono trd-small trd-formula-json">{JSON.stringify(logic)}</div>
          )}
        </Form>
      )}
    </Modal>
  );
}
