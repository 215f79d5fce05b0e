/**
 * The field registries' tables (input widget and grid cell per field-type name) and their
 * lookups, with text as the fallback. index.ts fills the tables with the core entries;
 * plugins add theirs (register.ts). Widgets that render other types' widgets (the sub-table)
 * read them here, so no widget imports the module that lazily imports it.
 */
import TextCell from "./cells/TextCell";
import type { CellRenderer, FieldWidget } from "./types";
import TextWidget from "./widgets/TextWidget";

export const fieldWidgets: Record<string, FieldWidget> = { text: TextWidget };
export const cellRenderers: Record<string, CellRenderer> = { text: TextCell };

export function widgetFor(type: string): FieldWidget {
  return fieldWidgets[type] ?? TextWidget;
}

export function cellFor(type: string): CellRenderer {
  return cellRenderers[type] ?? TextCell;
}
