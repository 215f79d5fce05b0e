/** The editor's design tab: the canvas (edits go to the flow), the panel of the selected
 * node or of the start card, and the problems that belong to no node. */
import { Alert } from "antd";
import { useMemo, useState } from "react";
import { useLang } from "../i18n/text";
import type { CanvasApi } from "./canvasContext";
import { enclosingForEach, flowVariables } from "./expr";
import FlowCanvas from "./FlowCanvas";
import { useFlowText } from "./i18n";
import NodePanel from "./NodePanel";
import { PanelContext, type PanelApi } from "./panelContext";
import { placeProblems, problemText, START, WHOLE } from "./problems";
import {
  addBranch, canMove, findNode, insertNode, moveNode, newNode, removeBranch, removeNode, replaceNode,
} from "./tree";
import TriggerPanel from "./TriggerPanel";
import type { Flow, FlowNode, FlowTypes, NodeTypeInfo, Problem } from "./types";
import { useFormFields } from "./useFormFields";
import { useLogicWords } from "./useLogicWords";
import { useHumanWords } from "./useHumanWords";
import { useTemplateNames } from "./useTemplateNames";

interface Props {
  app: string;
  flow: Flow;
  types: FlowTypes;
  problems: Problem[];
  onChange: (flow: Flow) => void;
}

const PREV_KEYS = ["id", "ids", "count", "result", "status", "body"];

/** The form a node writes to: its `form`, else its type's default form, else the flow's. */
function targetFormOf(node: FlowNode | undefined, info: NodeTypeInfo | undefined, flowForm?: string): string | undefined {
  if (typeof node?.form === "string") return node.form;
  const dflt = (info?.config_schema?.properties?.form as { default?: unknown } | undefined)?.default;
  return typeof dflt === "string" ? dflt : flowForm;
}

export default function DesignTab({ app, flow, types, problems, onChange }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const [selected, setSelected] = useState<string | null>(null);
  const fields = useFormFields(app, flow.form);
  const describe = useLogicWords(fields);
  const templateNames = useTemplateNames(app);
  const humanWords = useHumanWords(app, flow, fields);
  const nodeTypes = useMemo(() => new Map(types.nodes.map((n) => [n.key, n])), [types]);
  const triggerTypes = useMemo(() => new Map(types.triggers.map((n) => [n.key, n])), [types]);
  const placed = useMemo(() => placeProblems(flow, problems), [flow, problems]);
  const at = selected && selected !== START ? findNode(flow, selected) : null;
  const loop = at ? enclosingForEach(flow, at.node.id) : null;
  const itemFields = useFormFields(app, typeof loop?.form === "string" ? loop.form : null);

  const api: CanvasApi = {
    flow, nodeTypes, triggerTypes, problems: placed, selected, readOnly: false, describe, templateNames, humanWords,
    onSelect: setSelected,
    onInsert: (list, index, type) => {
      const node = newNode(flow, type, nodeTypes.get(type));
      onChange(insertNode(flow, list, index, node));
      setSelected(node.id);
    },
    onRemove: (id) => { onChange(removeNode(flow, id)); if (selected === id) setSelected(null); },
    onMove: (id, delta) => onChange(moveNode(flow, id, delta)),
    onAddBranch: (id) => onChange(addBranch(flow, id)),
    onRemoveBranch: (id, index) => onChange(removeBranch(flow, id, index)),
  };
  const panel: PanelApi = {
    app, flow, fields,
    targetForm: targetFormOf(at?.node, nodeTypes.get(at?.node.type ?? ""), flow.form),
    sources: {
      fields: fields.map((f) => ({ id: f.id, label: tx(f.label, f.id) })),
      prevKeys: PREV_KEYS.map((k) => ({ id: k, label: t(`expr.prevKeys.${k}`) })),
      vars: flowVariables(flow),
      items: loop ? itemFields.map((f) => ({ id: f.id, label: tx(f.label, f.id) })) : null,
    },
  };
  const whole = placed.get(WHOLE) ?? [];
  return (
    <PanelContext.Provider value={panel}>
      {whole.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t("editor.problems")} data-testid="flow-problems"
          description={<ul className="tfl-problems">{whole.map((p, i) => <li key={i}>{problemText(p, lang)}</li>)}</ul>} />
      )}
      <div className={`tfl-design${selected ? " tfl-with-panel" : ""}`}>
        <FlowCanvas api={api} />
        {selected === START && (
          <TriggerPanel triggers={types.triggers} problems={placed.get(START) ?? []} onChange={onChange} onClose={() => setSelected(null)} />
        )}
        {at && (
          <NodePanel key={at.node.id} node={at.node} info={nodeTypes.get(at.node.type)} problems={placed.get(at.node.id) ?? []}
            canUp={canMove(flow, at.node.id, -1)} canDown={canMove(flow, at.node.id, 1)}
            onChange={(node) => onChange(replaceNode(flow, at.node.id, node))}
            onAddBranch={() => onChange(addBranch(flow, at.node.id))}
            onMove={(delta) => onChange(moveNode(flow, at.node.id, delta))}
            onRemove={() => { onChange(removeNode(flow, at.node.id)); setSelected(null); }}
            onClose={() => setSelected(null)} />
        )}
      </div>
    </PanelContext.Provider>
  );
}
