/** A run's flow drawn read-only on the flow canvas, with the path it took highlighted and the
 * steps it waits at marked (the run viewer's canvas, fed from a record's approvals). */
import { Spin } from "antd";
import { useMemo } from "react";
import { flowApi } from "../flows/api";
import type { CanvasApi } from "../flows/canvasContext";
import FlowCanvas from "../flows/FlowCanvas";
import type { Flow, StepLog } from "../flows/types";
import { useFormFields } from "../flows/useFormFields";
import { useLogicWords } from "../flows/useLogicWords";
import { useAsync } from "../hooks/useAsync";
import "../flows/flows.css";

interface Props {
  app: string;
  definition: Flow;
  path: string[];
  waiting: string[];
}

const nothing = () => undefined;

export default function RunDiagram({ app, definition, path, waiting }: Props) {
  const { data: types } = useAsync(() => flowApi.types(), []);
  const fields = useFormFields(app, definition.form);
  const describe = useLogicWords(fields);
  const steps = useMemo(() => {
    const m = new Map<string, StepLog[]>();
    path.forEach((node, seq) => m.set(node, [{ seq, node, result: "ok" }]));
    waiting.forEach((node) => m.set(node, [...(m.get(node) ?? []), { seq: path.length, node, result: "waiting" }]));
    return m;
  }, [path, waiting]);
  if (!types) return <Spin />;
  const api: CanvasApi = {
    flow: { ...definition, steps: definition.steps ?? [] },
    nodeTypes: new Map(types.nodes.map((n) => [n.key, n])),
    triggerTypes: new Map(types.triggers.map((n) => [n.key, n])),
    problems: new Map(), selected: null, readOnly: true, path: new Set([...path, ...waiting]), steps, describe,
    onSelect: nothing, onInsert: nothing, onRemove: nothing, onMove: nothing, onAddBranch: nothing, onRemoveBranch: nothing,
  };
  return <div className="trellis-run-diagram" data-testid="run-diagram"><FlowCanvas api={api} /></div>;
}
