/** What the node and trigger panels' inputs read: the app, the flow, its form's fields, the
 * variables a value may use at the open node. */
import { createContext, useContext } from "react";
import type { FieldDef } from "../api/types";
import type { VarSources } from "./expr";
import type { Flow } from "./types";

export interface PanelApi {
  app: string;
  flow: Flow;
  /** the flow form's fields */
  fields: FieldDef[];
  /** the variables offered at the open node */
  sources: VarSources;
  /** the form a node's `values` are written to (its `form`, else the flow's) */
  targetForm?: string;
}

export const PanelContext = createContext<PanelApi | null>(null);

export function usePanel(): PanelApi {
  const api = useContext(PanelContext);
  if (!api) throw new Error("usePanel outside a flow panel");
  return api;
}
