/**
 * The designer editors of the computed field types, under the server's type names: formula
 * (expression, field and function pickers, live check), lookup (relation, then the related
 * form's field) and rollup (source, aggregate, field, filter, window). They load with the
 * property panel's first use of such a field. `dedicatedKeys` are the configuration keys each
 * editor covers (the generic schema inputs leave them out).
 */
import { lazy } from "react";
import { designerEditors, type DesignerEditor } from "./register";

const FormulaProps = lazy(() => import("../designer/components/props/FormulaProps")) as unknown as DesignerEditor;
const LookupProps = lazy(() => import("../designer/components/props/LookupProps")) as unknown as DesignerEditor;
const RollupProps = lazy(() => import("../designer/components/props/RollupProps")) as unknown as DesignerEditor;

Object.assign(designerEditors, {
  formula: FormulaProps,
  lookup: LookupProps,
  rollup: RollupProps,
} satisfies Record<string, DesignerEditor>);

/** Configuration keys edited by a type's own editor, by type name. */
export const dedicatedKeys: Record<string, string[]> = {
  formula: ["expression", "indexed", "logic", "value_type"],
  lookup: ["via", "field", "value_type"],
  rollup: ["source", "aggregate", "field", "filter", "window", "value_type"],
};
