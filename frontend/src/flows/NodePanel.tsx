/** The side panel of the node clicked on the canvas: its name, its settings (ConfigForm over
 * its type's config_schema; a human step's in words, HumanNodeForm), a branch / parallel
 * node's branches, a note, its problems;
 * move and delete. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Divider, Drawer, Form, Input, Popconfirm, Space, Tag } from "antd";
import { useLang } from "../i18n/text";
import { HUMAN_TYPES, missingKey } from "./approvers";
import BranchesEditor from "./BranchesEditor";
import ConfigForm from "./ConfigForm";
import { CANVAS_KEYS, configOf } from "./configSchema";
import HumanNodeForm from "./HumanNodeForm";
import { useFlowText } from "./i18n";
import { NARROW } from "./layout";
import { problemText } from "./problems";
import type { FlowNode, NodeTypeInfo, Problem, Text } from "./types";

interface Props {
  node: FlowNode;
  info: NodeTypeInfo | undefined;
  problems: Problem[];
  canUp: boolean;
  canDown: boolean;
  onChange: (node: FlowNode) => void;
  onAddBranch: () => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  onClose: () => void;
  readOnly?: boolean;
}

export default function NodePanel({ node, info, problems, canUp, canDown, onChange, onAddBranch, onMove, onRemove, onClose, readOnly }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const setLabel = (which: "zh" | "en", text: string) => {
    const label: Text = { ...(node.label ?? {}), [which]: text };
    const { label: _old, ...rest } = node;
    onChange(label.zh || label.en ? { ...rest, label } : (rest as FlowNode));
  };
  const setConfig = (config: Record<string, unknown>) => {
    const kept = Object.fromEntries(Object.entries(node).filter(([k]) => ["id", "type", "label", "note"].includes(k) || CANVAS_KEYS.has(k)));
    const clean = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
    onChange({ ...clean, ...kept } as FlowNode);
  };
  /** a human step's missing setting in words (请设置审批人), else the server's text */
  const say = (p: Problem) => {
    const key = HUMAN_TYPES.has(node.type) ? missingKey(p) : null;
    return key ? t(`human.missing.${key}`, { defaultValue: problemText(p, lang) }) : problemText(p, lang);
  };
  const hasBranches = node.type === "branch" || node.type === "parallel";
  return (
    <Drawer open size={window.innerWidth < NARROW ? "100%" : 480} onClose={onClose} destroyOnHidden mask={false}
      getContainer={window.innerWidth < NARROW ? undefined : false} rootClassName="tfl-drawer" data-testid="flow-node-panel"
      title={<Space><span>{info ? tx(info.label, node.type) : node.type}</span><Tag>{node.id}</Tag></Space>}
      extra={!readOnly && (
        <Space size={2}>
          <Button type="text" icon={<ArrowUpOutlined />} disabled={!canUp} onClick={() => onMove(-1)} aria-label={t("canvas.moveUp")} />
          <Button type="text" icon={<ArrowDownOutlined />} disabled={!canDown} onClick={() => onMove(1)} aria-label={t("canvas.moveDown")} />
          <Popconfirm title={t("canvas.removeConfirm")} onConfirm={onRemove}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("canvas.remove")} data-testid="flow-panel-delete" />
          </Popconfirm>
        </Space>
      )}
      footer={<Button type="primary" onClick={onClose} data-testid="flow-panel-close">{t("panel.close")}</Button>}>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("panel.problems")} data-testid="flow-panel-problems"
          description={<ul className="tfl-problems">{problems.map((p, i) => <li key={i}>{say(p)}</li>)}</ul>} />
      )}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Form layout="vertical" size="middle">
          <Space.Compact block>
            <Form.Item label={t("panel.labelZh")} style={{ flex: 1, marginInlineEnd: 8 }}>
              <Input value={node.label?.zh ?? ""} onChange={(e) => setLabel("zh", e.target.value)} data-testid="flow-node-label-zh" />
            </Form.Item>
            <Form.Item label={t("panel.labelEn")} style={{ flex: 1 }}>
              <Input value={node.label?.en ?? ""} onChange={(e) => setLabel("en", e.target.value)} data-testid="flow-node-label-en" />
            </Form.Item>
          </Space.Compact>
        </Form>
        {hasBranches && (
          <BranchesEditor node={node} onAdd={onAddBranch}
            onChange={(branches) => onChange({ ...node, branches })} />
        )}
        <Divider titlePlacement="start" plain style={{ margin: "4px 0 8px" }}>{t("panel.config")}</Divider>
        {HUMAN_TYPES.has(node.type)
          ? <HumanNodeForm node={node} info={info} problems={problems} onChange={setConfig} />
          : <ConfigForm id={node.id} schema={info?.config_schema} value={configOf(node)} onChange={setConfig} />}
        <Form layout="vertical">
          <Form.Item label={t("panel.note")}>
            <Input.TextArea value={node.note ?? ""} autoSize={{ minRows: 1, maxRows: 4 }}
              onChange={(e) => onChange({ ...node, note: e.target.value || undefined })} />
          </Form.Item>
        </Form>
      </fieldset>
    </Drawer>
  );
}
