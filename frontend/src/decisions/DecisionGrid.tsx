/**
 * The decision table as an editable grid: a column per input (with its type), then per output,
 * then the note; a row per rule (numbered from 1, moved, inserted, deleted), the default row
 * last. Cells hold DMN unary tests as typed ("-" or empty: any); the server's problems show on
 * the cells, rules and columns they name, and under their rule.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, VerticalAlignTopOutlined, WarningFilled } from "@ant-design/icons";
import { Button, Space, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/text";
import CellInput from "./CellInput";
import ColumnHeader from "./ColumnHeader";
import { DECISIONS_NS } from "./i18n";
import {
  addColumn, addRule, moveRule, removeColumn, removeRule, ruleProblems, setDefault, setNote, setThen, setWhen, showValue,
  updateColumn, type Decision, type Problem,
} from "./model";

interface Props {
  decision: Decision;
  onChange: (d: Decision) => void;
  placed: Map<string, Problem[]>;
  /** rules (0-based) the last try matched */
  matched?: number[];
}

export default function DecisionGrid({ decision: d, onChange, placed, matched = [] }: Props) {
  const { t } = useTranslation(DECISIONS_NS);
  const { tx } = useLang();
  const at = (key: string) => placed.get(key) ?? [];
  const text = (p: Problem) => (typeof p.message === "string" ? p.message : tx(p.message));
  const cols = 1 + d.inputs.length + d.outputs.length + 2;

  return (
    <div className="tdc-scroll">
      <table className="tdc-grid" data-testid="decision-grid">
        <thead>
          <tr>
            <th rowSpan={2} className="tdc-num">#</th>
            <th colSpan={d.inputs.length} className="tdc-group tdc-in">
              <Space size={4}>
                {t("editor.inputs")}
                <Button size="small" type="text" icon={<PlusOutlined />} data-testid="decision-add-input"
                  onClick={() => onChange(addColumn(d, "inputs", { zh: "新输入", en: "New input" }))}>{t("editor.addInput")}</Button>
              </Space>
            </th>
            <th colSpan={d.outputs.length} className="tdc-group tdc-out">
              <Space size={4}>
                {t("editor.outputs")}
                <Button size="small" type="text" icon={<PlusOutlined />} data-testid="decision-add-output"
                  onClick={() => onChange(addColumn(d, "outputs", { zh: "新输出", en: "New output" }))}>{t("editor.addOutput")}</Button>
              </Space>
            </th>
            <th rowSpan={2}>{t("editor.note")}</th>
            <th rowSpan={2} className="tdc-actions" />
          </tr>
          <tr>
            {d.inputs.map((c) => (
              <th key={`i-${c.id}`} className="tdc-in">
                <ColumnHeader column={c} problems={at(`inputs:${c.id}`)} testId={`decision-input-${c.id}`}
                  onChange={(p) => onChange(updateColumn(d, "inputs", c.id, p))}
                  onRemove={d.inputs.length > 1 ? () => onChange(removeColumn(d, "inputs", c.id)) : undefined} />
              </th>
            ))}
            {d.outputs.map((c) => (
              <th key={`o-${c.id}`} className="tdc-out">
                <ColumnHeader column={c} problems={at(`outputs:${c.id}`)} testId={`decision-output-${c.id}`}
                  onChange={(p) => onChange(updateColumn(d, "outputs", c.id, p))}
                  onRemove={d.outputs.length > 1 ? () => onChange(removeColumn(d, "outputs", c.id)) : undefined} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.rules.map((rule, i) => {
            const mine = ruleProblems(placed, i);
            const rowOnly = at(`rule:${i}`);
            return [
              <tr key={`r-${i}`} className={`${matched.includes(i) ? "tdc-hit" : ""}${rowOnly.length ? " tdc-bad" : ""}`}
                data-testid={`decision-rule-${i + 1}`}>
                <td className="tdc-num">
                  {rowOnly.length ? (
                    <Tooltip title={rowOnly.map(text).join("\n")} color="red"><span className="tdc-bad-num"><WarningFilled /> {i + 1}</span></Tooltip>
                  ) : i + 1}
                </td>
                {d.inputs.map((c) => (
                  <td key={c.id} className="tdc-in">
                    <CellInput value={showValue(rule.when?.[c.id])} placeholder={t("editor.any")}
                      problems={at(`rule:${i}:when:${c.id}`)} testId={`cell-${i + 1}-${c.id}`}
                      onCommit={(v) => onChange(setWhen(d, i, c.id, v))} />
                  </td>
                ))}
                {d.outputs.map((c) => (
                  <td key={c.id} className="tdc-out">
                    <CellInput value={showValue(rule.then[c.id])} problems={at(`rule:${i}:then:${c.id}`)} wide
                      testId={`cell-${i + 1}-${c.id}`} onCommit={(v) => onChange(setThen(d, i, c, v))} />
                  </td>
                ))}
                <td>
                  <CellInput value={rule.note ?? ""} wide testId={`note-${i + 1}`} onCommit={(v) => onChange(setNote(d, i, v))} />
                </td>
                <td className="tdc-actions">
                  <Space size={0}>
                    <Tooltip title={t("editor.moveUp")}>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t("editor.moveUp")}
                        onClick={() => onChange(moveRule(d, i, -1))} />
                    </Tooltip>
                    <Tooltip title={t("editor.moveDown")}>
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === d.rules.length - 1}
                        aria-label={t("editor.moveDown")} onClick={() => onChange(moveRule(d, i, 1))} />
                    </Tooltip>
                    <Tooltip title={t("editor.insertAbove")}>
                      <Button size="small" type="text" icon={<VerticalAlignTopOutlined />} aria-label={t("editor.insertAbove")}
                        onClick={() => onChange(addRule(d, i))} />
                    </Tooltip>
                    <Tooltip title={t("editor.remove")}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("editor.remove")}
                        onClick={() => onChange(removeRule(d, i))} />
                    </Tooltip>
                  </Space>
                </td>
              </tr>,
              mine.length > 0 && (
                <tr key={`p-${i}`} className="tdc-problems-row">
                  <td />
                  <td colSpan={cols - 1}>
                    <ul className="tdc-problems" data-testid={`decision-rule-problems-${i + 1}`}>
                      {mine.map((p, k) => <li key={k} className={p.severity === "warning" ? "warn" : "err"}>{text(p)}</li>)}
                    </ul>
                  </td>
                </tr>
              ),
            ];
          })}
          <tr className="tdc-default" data-testid="decision-default">
            <td className="tdc-num" />
            <td colSpan={d.inputs.length} className="tdc-default-label">
              <Tooltip title={t("editor.defaultHelp")}><span>{t("editor.default")}</span></Tooltip>
            </td>
            {d.outputs.map((c) => (
              <td key={c.id} className="tdc-out">
                <CellInput value={showValue(d.default?.[c.id])} problems={at(`default:${c.id}`)} testId={`default-${c.id}`} wide
                  onCommit={(v) => onChange(setDefault(d, c, v))} />
              </td>
            ))}
            <td colSpan={2}><span className="tdc-muted">{t("editor.defaultHelp")}</span></td>
          </tr>
        </tbody>
      </table>
      <Button icon={<PlusOutlined />} size="small" style={{ marginTop: 8 }} onClick={() => onChange(addRule(d))}
        data-testid="decision-add-rule">{t("editor.addRule")}</Button>
    </div>
  );
}
