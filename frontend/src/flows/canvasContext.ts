/** What every part of the flow canvas reads (the flow, its types, problems by node, the
 * selection, a run's path) and the edits it may ask for, shared through one React context. */
import { createContext, useContext, type ComponentType } from "react";
import type { Text } from "../api/types";
import type { HumanWords } from "./humanSummary";
import type { Flow, FlowNode, NodeTypeInfo, Problem, StepLog, TriggerTypeInfo } from "./types";

export interface CanvasApi {
  flow: Flow;
  nodeTypes: Map<string, NodeTypeInfo>;
  triggerTypes: Map<string, TriggerTypeInfo>;
  /** problems by node id (and START / WHOLE) */
  problems: Map<string, Problem[]>;
  selected: string | null;
  /** a run's view: nothing is edited, the nodes it passed are highlighted */
  readOnly: boolean;
  path?: Set<string>;
  steps?: Map<string, StepLog[]>;
  /** the form's fields by id, for the words of a condition */
  describe: (logic: unknown) => string | null;
  /** the app's message templates' names by key (a notify node's summary) */
  templateNames?: Map<string, Text | null | undefined>;
  formLabel?: string;
  /** roles, fields and members by name, for the words of a human step (审批 / 办理 / 抄送) */
  humanWords?: HumanWords;
  onSelect: (id: string) => void;
  onInsert: (list: string, index: number, type: string) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, delta: number) => void;
  onAddBranch: (id: string) => void;
  onRemoveBranch: (id: string, index: number) => void;
  /** the sequence component, lent by the canvas to the blocks nested in it (no import cycle) */
  StepList?: ComponentType<{ list: string; steps: FlowNode[] }>;
}

export const CanvasContext = createContext<CanvasApi | null>(null);

export function useCanvas(): CanvasApi {
  const api = useContext(CanvasContext);
  if (!api) throw new Error("useCanvas outside the flow canvas");
  return api;
}
