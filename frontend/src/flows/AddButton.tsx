/** The "+" between two nodes: a palette of node types grouped by category (人员 with 审批,
 * 办理, 抄送 first); the choice is inserted into `list` at `index`. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Popover, Tooltip } from "antd";
import { useState } from "react";
import { useLang } from "../i18n/text";
import { useCanvas } from "./canvasContext";
import { useFlowText } from "./i18n";
import { nodeColor, nodeIcon } from "./nodeIcons";
import type { NodeTypeInfo } from "./types";

const ORDER = ["flow", "people", "data", "message", "integration"];
/** Within 人员, the human steps first, as 钉钉 / 飞书 list them. */
const FIRST = ["approval", "handle", "cc"];
const rank = (key: string) => FIRST.indexOf(key) + 1 || 99;

export default function AddButton({ list, index }: { list: string; index: number }) {
  const { flow, nodeTypes, readOnly, onInsert } = useCanvas();
  const { t } = useFlowText();
  const { tx } = useLang();
  const [open, setOpen] = useState(false);
  if (readOnly) return <div className="tfl-line" />;
  const journey = flow.kind === "journey";
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const info of nodeTypes.values()) {
    if (info.key === "wait" && !journey) continue; // an automation runs through at once
    const cat = info.category || "other";
    groups.set(cat, [...(groups.get(cat) ?? []), info]);
  }
  for (const list of groups.values()) list.sort((a, b) => rank(a.key) - rank(b.key));
  const cats = [...groups.keys()].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const palette = (
    <div className="tfl-palette" data-testid="flow-palette">
      {cats.map((cat) => (
        <div key={cat}>
          <div className="tfl-palette-group">{t(`categories.${cat}`, { defaultValue: cat })}</div>
          <div className="tfl-palette-items">
            {groups.get(cat)!.map((info) => (
              <Button key={info.key} size="small" icon={<span style={{ color: nodeColor(info.key, info.category) }}>{nodeIcon(info.key, info.category)}</span>} data-testid={`palette-${info.key}`}
                onClick={() => { setOpen(false); onInsert(list, index, info.key); }}>
                {tx(info.label, info.key)}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
  return (
    <div className="tfl-add">
      <div className="tfl-line" />
      <Popover content={palette} trigger="click" open={open} onOpenChange={setOpen} placement="right" destroyOnHidden>
        <Tooltip title={t("canvas.add")} mouseEnterDelay={0.6}>
          <Button className="tfl-add-btn" icon={<PlusOutlined />} aria-label={t("canvas.add")}
            data-testid={`flow-add-${list}-${index}`} />
        </Tooltip>
      </Popover>
      <div className="tfl-line" />
    </div>
  );
}
