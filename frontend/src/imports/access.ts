/** Who may import into a form, and in which modes: inserting needs `create`, updating `update`;
 * the import template needs `create` or `import`. */
import type { FormDef, ImportMode } from "../api/types";

/** The modes the caller's actions allow (upsert needs both). */
export function allowedModes(def: Pick<FormDef, "actions">): ImportMode[] {
  const create = def.actions.includes("create");
  const update = def.actions.includes("update");
  const out: ImportMode[] = [];
  if (create) out.push("insert");
  if (create && update) out.push("upsert");
  if (update) out.push("update");
  return out;
}

/** The import button shows only to users who may create or update records of the form. */
export function canImport(def: Pick<FormDef, "actions">): boolean {
  return allowedModes(def).length > 0;
}

/** The server hands out the import template to roles with `create` or `import`. */
export function canGetTemplate(def: Pick<FormDef, "actions">): boolean {
  return def.actions.includes("create") || def.actions.includes("import");
}
