/**
 * Adding entries to the field registries at run time, under the server's type names: how a
 * plugin's browser module (plugins/host.ts: `window.Trellis.register`) gives its input
 * widgets, grid cells and designer editors (the type-specific part of the designer's property
 * panel). Strict like the server's Registry: a name already taken is an error, and nothing of
 * that call is registered.
 */
import type { ComponentType } from "react";
import type { FieldDef } from "../api/types";
import { cellRenderers, fieldWidgets } from "./index";
import type { CellRenderer, FieldWidget } from "./types";

export interface EditorProps {
  field: FieldDef & Record<string, unknown>;
  patch: (p: Record<string, unknown>) => void;
}
export type DesignerEditor = ComponentType<EditorProps>;

/** Designer editors by field type (the core types' own editors are built into the designer). */
export const designerEditors: Record<string, DesignerEditor> = {};

/** The type names registered at run time (by plugins), e.g. for the designer's preview. */
export const pluggedTypes = new Set<string>();

export interface Registration {
  widgets?: Record<string, FieldWidget>;
  cells?: Record<string, CellRenderer>;
  editors?: Record<string, DesignerEditor>;
}

const PARTS = [["widgets", fieldWidgets, "widget"], ["cells", cellRenderers, "cell"],
  ["editors", designerEditors, "designer editor"]] as const;

export function register(entries: Registration): void {
  for (const [part, target, kind] of PARTS) {
    for (const key of Object.keys(entries[part] ?? {})) {
      if (key in target) throw new Error(`${kind} ${JSON.stringify(key)} is already registered`);
    }
  }
  for (const [part, target] of PARTS) {
    Object.assign(target, entries[part] ?? {});
    Object.keys(entries[part] ?? {}).forEach((key) => pluggedTypes.add(key));
  }
}
