/** The contracts of the field-widget and cell-renderer registries (keyed by field type). */
import type { ComponentType } from "react";
import type { FieldDef, RecordRow } from "../api/types";

/** Where a widget is used: the app and form (relation pickers and uploads need them). */
export interface WidgetContext {
  app: string;
  form: string;
}

export interface WidgetProps {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  /** show an error outline */
  invalid?: boolean;
  /** inside a grid cell or a sub-table: no extra chrome */
  compact?: boolean;
  ctx: WidgetContext;
  id?: string;
  /** a sub-table's problems by row index, then child field id (shown on those cells) */
  cellErrors?: Record<number, Record<string, string[]>>;
}

export interface CellProps {
  field: FieldDef;
  value: unknown;
  record?: RecordRow;
  ctx: WidgetContext;
}

export type FieldWidget = ComponentType<WidgetProps>;
export type CellRenderer = ComponentType<CellProps>;
