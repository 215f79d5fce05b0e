/** The branches of a branch / parallel node in its panel: each one's name and (for a branch
 * node) its condition; add and remove as on the canvas. */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Input, Space, Typography } from "antd";
import { useLang } from "../i18n/text";
import ConditionField from "./ConditionField";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import type { Branch, FlowNode, Text } from "./types";

interface Props {
  node: FlowNode;
  onChange: (branches: Branch[]) => void;
  onAdd: () => void;
}

export default function BranchesEditor({ node, onChange, onAdd }: Props) {
  const { t } = useFlowText();
  const { lang } = useLang();
  const { fields } = usePanel();
  const branches = (Array.isArray(node.branches) ? node.branches : []) as Branch[];
  const conditional = node.type === "branch";
  const min = conditional ? 1 : 2;
  const set = (i: number, patch: Partial<Branch>) => onChange(branches.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const setLabel = (b: Branch, i: number, text: string) => {
    const label: Text = { ...(b.label ?? {}), [lang]: text };
    if (!label.zh && !label.en) set(i, { label: undefined });
    else set(i, { label });
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t("panel.branches")}</Typography.Text>
      {branches.map((b, i) => (
        <Card key={b.id ?? i} size="small" style={{ marginTop: 8 }} data-testid={`branch-editor-${i}`}
          title={<Space><span>{t("canvas.branch", { n: i + 1 })}</span><code style={{ fontSize: 11 }}>{b.id}</code></Space>}
          extra={branches.length > min && (
            <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("canvas.removeBranch")}
              onClick={() => onChange(branches.filter((_, j) => j !== i))} />
          )}>
          <Input placeholder={t("panel.branchLabel")} value={(b.label?.[lang] as string) ?? ""} style={{ marginBottom: 8 }}
            onChange={(e) => setLabel(b, i, e.target.value)} />
          {conditional && (
            <ConditionField value={b.when} onChange={(when) => set(i, { when })} fields={fields} title={t("panel.branchWhen")}
              testId={`branch-when-${i}`} />
          )}
        </Card>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={onAdd}>{t("canvas.addBranch")}</Button>
    </div>
  );
}
