/** A node's card: its type's icon and name, its own name, a summary of its settings, a red
 * badge counting its problems, and (while editing) move up / down and delete; a run's view
 * marks the nodes the run passed. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Popconfirm, Tooltip } from "antd";
import type { CSSProperties, MouseEvent } from "react";
import { useLang } from "../i18n/text";
import { useCanvas } from "./canvasContext";
import { useFlowText } from "./i18n";
import { HUMAN_TYPES, missingKey } from "./approvers";
import { humanSummary } from "./humanSummary";
import { nodeColor, nodeIcon } from "./nodeIcons";
import { problemText } from "./problems";
import { nodeSummary } from "./summary";
import { canMove } from "./tree";
import type { FlowNode, Problem } from "./types";

export default function NodeCard({ node }: { node: FlowNode }) {
  const c = useCanvas();
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const info = c.nodeTypes.get(node.type);
  const problems = c.problems.get(node.id) ?? [];
  const steps = c.steps?.get(node.id) ?? [];
  const failed = steps.some((s) => s.error || s.result === "failed");
  const waiting = steps.length > 0 && steps[steps.length - 1].result === "waiting";
  const classes = ["tfl-node",
    c.selected === node.id ? "tfl-node-selected" : "",
    problems.length ? "tfl-node-bad" : "",
    c.path ? (failed ? "tfl-node-failed" : waiting ? "tfl-node-waiting" : c.path.has(node.id) ? "tfl-node-path" : "tfl-node-dim") : ""];
  const typeLabel = info ? tx(info.label, node.type) : `${t("canvas.unknownType")} ${node.type}`;
  const title = node.label ? tx(node.label) : typeLabel;
  const human = HUMAN_TYPES.has(node.type) && c.humanWords ? c.humanWords : null;
  const summary = human ? humanSummary(node, human)
    : nodeSummary(node, c.describe, tx, (u) => t(`units.${u}`, { defaultValue: u }), c.templateNames);
  const sentence = human ? humanSummary(node, human, title) : undefined;
  const stop = (e: MouseEvent) => e.stopPropagation();
  const say = (p: Problem) => {
    const key = human ? missingKey(p) : null;
    return key ? t(`human.missing.${key}`, { defaultValue: problemText(p, lang) }) : problemText(p, lang);
  };
  const style = { "--tfl-accent": nodeColor(node.type, info?.category) } as CSSProperties;
  return (
    <div className={classes.filter(Boolean).join(" ")} style={style} onClick={() => c.onSelect(node.id)}
      data-testid={`flow-node-${node.id}`} data-type={node.type} role="button" tabIndex={0}
      onKeyDown={(e) => { if (e.key === "Enter") c.onSelect(node.id); }}>
      {problems.length > 0 && (
        <Tooltip title={<ul className="tfl-problems" style={{ color: "#fff" }}>{problems.map((p, i) => <li key={i}>{say(p)}</li>)}</ul>}>
          <span className="tfl-badge" data-testid={`flow-node-problems-${node.id}`}>{problems.length}</span>
        </Tooltip>
      )}
      <div className="tfl-node-head">
        <span className="tfl-node-icon">{nodeIcon(node.type, info?.category)}</span>
        <span>{typeLabel}</span>
      </div>
      <div className="tfl-node-title">{title}</div>
      {summary && <div className="tfl-node-sub" title={sentence} data-testid={`flow-node-summary-${node.id}`}>{summary}</div>}
      {!c.readOnly && (
        <span className="tfl-node-tools" onClick={stop}>
          <Tooltip title={t("canvas.moveUp")}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={!canMove(c.flow, node.id, -1)}
              onClick={() => c.onMove(node.id, -1)} aria-label={t("canvas.moveUp")} />
          </Tooltip>
          <Tooltip title={t("canvas.moveDown")}>
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={!canMove(c.flow, node.id, 1)}
              onClick={() => c.onMove(node.id, 1)} aria-label={t("canvas.moveDown")} />
          </Tooltip>
          <Popconfirm title={t("canvas.removeConfirm")} onConfirm={() => c.onRemove(node.id)}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("canvas.remove")}
              data-testid={`flow-node-delete-${node.id}`} />
          </Popconfirm>
        </span>
      )}
    </div>
  );
}
