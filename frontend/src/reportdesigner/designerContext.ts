/** What the designer's parts share: the report, its edit function, the form's fields, the
 * server's problems by place (problems.ts) and how a refused drop is told. */
import { createContext, useContext } from "react";
import type { FormDef } from "../api/types";
import type { FieldGroup } from "./fields";
import type { FieldChoice, ReportDef } from "./model";
import type { Problem } from "./problems";

export interface DesignerContextValue {
  app: string;
  def: ReportDef;
  change: (edit: (d: ReportDef) => ReportDef) => void;
  form: FormDef | null;
  groups: FieldGroup[];
  fields: Map<string, FieldChoice>;
  placed: Map<string, Problem[]>;
  /** add a field (null: the count of records) as a dimension or a measure at `at`, or tell why not */
  add: (as: "dimension" | "measure", field: FieldChoice | null, at?: number) => void;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesigner(): DesignerContextValue {
  const found = useContext(DesignerContext);
  if (!found) throw new Error("useDesigner outside the report designer");
  return found;
}
