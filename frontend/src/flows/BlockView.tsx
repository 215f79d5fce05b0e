/** A container node: its card, then its step lists side by side (a branch node's branches and
 * its default, a parallel's branches, a for-each's body), each headed by its label or
 * condition; branches can be added and removed. */
import { CloseOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Popconfirm, Tooltip } from "antd";
import type { MouseEvent } from "react";
import { useLang } from "../i18n/text";
import { useCanvas } from "./canvasContext";
import { useFlowText } from "./i18n";
import NodeCard from "./NodeCard";
import type { Block } from "./tree";
import type { FlowNode } from "./types";

function BlockHead({ node, block }: { node: FlowNode; block: Block }) {
  const c = useCanvas();
  const { t } = useFlowText();
  const { tx } = useLang();
  const stop = (e: MouseEvent) => e.stopPropagation();
  let text: string;
  if (block.kind === "default") text = t("canvas.otherwise");
  else if (block.kind === "body") text = t("canvas.forEach");
  else {
    const b = block.branch!;
    const n = (block.index ?? 0) + 1;
    const words = node.type === "branch" ? c.describe(b.when) : null;
    text = b.label ? tx(b.label) : words ?? (node.type === "branch" ? t("canvas.always") : t("canvas.branch", { n }));
    if (b.label && words) text = `${tx(b.label)}: ${words}`;
  }
  const branches = Array.isArray(node.branches) ? node.branches.length : 0;
  const min = node.type === "parallel" ? 2 : 1;
  const removable = !c.readOnly && block.kind === "branch" && branches > min;
  return (
    <div className={`tfl-branch-head${block.kind !== "branch" ? ` tfl-branch-head-${block.kind}` : ""}`}
      onClick={() => c.onSelect(node.id)} title={text} data-testid={`flow-branch-${node.id}-${block.index ?? block.kind}`}>
      <span className="tfl-branch-text">{text}</span>
      {removable && (
        <span onClick={stop}>
          <Popconfirm title={t("canvas.removeBranchConfirm")} onConfirm={() => c.onRemoveBranch(node.id, block.index!)}>
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t("canvas.removeBranch")}
              style={{ width: 18, height: 18, minWidth: 18 }} />
          </Popconfirm>
        </span>
      )}
    </div>
  );
}

export default function BlockView({ node, blocks }: { node: FlowNode; blocks: Block[] }) {
  const c = useCanvas();
  const { t } = useFlowText();
  const canAdd = !c.readOnly && (node.type === "branch" || node.type === "parallel");
  const ended = (steps: FlowNode[]) => steps.length > 0 && Boolean(c.nodeTypes.get(steps[steps.length - 1].type)?.terminal);
  const StepList = c.StepList;
  return (
    <div className="tfl-block">
      <NodeCard node={node} />
      <div className="tfl-line" />
      <div className="tfl-branches">
        {canAdd && (
          <Tooltip title={t("canvas.addBranch")}>
            <Button className="tfl-add-branch" size="small" shape="round" icon={<PlusOutlined />}
              onClick={() => c.onAddBranch(node.id)} data-testid={`flow-add-branch-${node.id}`}>
              {t("canvas.addBranch")}
            </Button>
          </Tooltip>
        )}
        {blocks.map((b) => (
          <div className={`tfl-branch${ended(b.steps) ? " tfl-branch-ended" : ""}`} key={b.pointer}>
            <BlockHead node={node} block={b} />
            {StepList && <StepList list={b.pointer} steps={b.steps} />}
            <div className="tfl-branch-fill" />
          </div>
        ))}
      </div>
      {node.type === "for_each" && <div className="tfl-line" />}
    </div>
  );
}
