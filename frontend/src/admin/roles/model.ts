/**
 * The role editor's model of a role definition (metadata kind "role") and its way back to JSON.
 *
 * Each grant's row scope is read as one of the plain presets (everything, the records a user field
 * names me in, my departments', my departments and those below, my subordinates', through a
 * relation path) or, when it is anything else, kept as a custom JsonLogic rule; field permissions
 * keep the way they were written (`fields`: hidden / read-only fields, or `visible`: the only
 * visible ones). Loading a role and saving it back gives the same JSON.
 */
import type { Action, Text } from "../../api/types";

export const ACTIONS: Action[] = ["read", "create", "update", "delete", "export", "import", "manage"];

/** The `$user` variable each preset compares a field with, and how. */
export const PRESET_VARS = {
  own: ["==", "$user.id"],
  related_own: ["==", "$user.id"],
  department: ["in", "$user.departments"],
  department_tree: ["in", "$user.department_tree"],
  subordinates: ["in", "$user.subordinates"],
} as const;

export type PresetKind = keyof typeof PRESET_VARS;
export type ScopeKind = "all" | PresetKind | "custom";

export type Scope =
  | { kind: "all" }
  | { kind: PresetKind; field: string }
  | { kind: "custom"; logic: unknown };

export type FieldRight = "visible" | "readonly" | "hidden";

export interface Grant {
  actions: Action[];
  scope: Scope;
  /** `fields` as written: hidden / read-only fields (absent: none written). */
  fields?: Record<string, "hidden" | "readonly">;
  /** `visible` as written: the only visible fields (absent: every field not hidden). */
  visible?: string[];
}

export interface RoleModel {
  id: string;
  label: Text;
  description?: Text;
  allForms?: Grant;
  forms: Record<string, Grant>;
  /** whether the definition had a `forms` member (kept even when empty) */
  hasForms: boolean;
}

export type RoleJson = Record<string, unknown>;
type Rule = Record<string, unknown>;

const isObj = (v: unknown): v is Rule => typeof v === "object" && v !== null && !Array.isArray(v);

function varOf(node: unknown): string | null {
  return isObj(node) && Object.keys(node).length === 1 && typeof node.var === "string" ? node.var : null;
}

/** The preset a scope is, or a custom scope holding it as written. */
export function readScope(scope: unknown): Scope {
  if (scope === undefined) return { kind: "all" };
  if (isObj(scope) && Object.keys(scope).length === 1) {
    const op = Object.keys(scope)[0];
    const args = scope[op];
    if (Array.isArray(args) && args.length === 2) {
      const field = varOf(args[0]);
      const variable = varOf(args[1]);
      if (field && !field.startsWith("$") && variable) {
        for (const [kind, [want, name]] of Object.entries(PRESET_VARS) as [PresetKind, readonly [string, string]][]) {
          if (want !== op || name !== variable) continue;
          if (kind === "own" && field.includes(".")) continue;
          if (kind === "related_own" && !field.includes(".")) continue;
          return { kind, field };
        }
      }
    }
  }
  return { kind: "custom", logic: scope };
}

/** The JsonLogic of a scope (undefined, or null for a custom scope not written yet: every record). */
export function scopeLogic(scope: Scope): unknown {
  if (scope.kind === "all") return undefined;
  if (scope.kind === "custom") return scope.logic;
  const [op, name] = PRESET_VARS[scope.kind];
  return { [op]: [{ var: scope.field }, { var: name }] };
}

function readGrant(raw: unknown): Grant {
  const g = isObj(raw) ? raw : {};
  const out: Grant = { actions: Array.isArray(g.actions) ? (g.actions as Action[]) : [], scope: readScope(g.scope) };
  if (isObj(g.fields)) out.fields = { ...(g.fields as Record<string, "hidden" | "readonly">) };
  if (Array.isArray(g.visible)) out.visible = [...(g.visible as string[])];
  return out;
}

function grantJson(g: Grant): RoleJson {
  const out: RoleJson = { actions: [...g.actions] };
  const scope = scopeLogic(g.scope);
  if (scope !== undefined && scope !== null) out.scope = scope;
  if (g.fields) out.fields = { ...g.fields };
  if (g.visible) out.visible = [...g.visible];
  return out;
}

export function readRole(json: RoleJson): RoleModel {
  const forms = isObj(json.forms) ? json.forms : {};
  return {
    id: String(json.id ?? ""),
    label: (json.label as Text) ?? {},
    description: json.description as Text | undefined,
    allForms: json.all_forms === undefined ? undefined : readGrant(json.all_forms),
    forms: Object.fromEntries(Object.entries(forms).map(([id, g]) => [id, readGrant(g)])),
    hasForms: isObj(json.forms),
  };
}

const hasText = (t: Text | undefined): t is Text => !!t && Object.values(t).some((v) => typeof v === "string" && v !== "");

/** The role definition the model stands for. */
export function roleJson(role: RoleModel): RoleJson {
  const out: RoleJson = { schema_version: 1, id: role.id, label: role.label };
  if (hasText(role.description)) out.description = role.description;
  if (role.allForms) out.all_forms = grantJson(role.allForms);
  if (role.hasForms || Object.keys(role.forms).length) {
    out.forms = Object.fromEntries(Object.entries(role.forms).map(([id, g]) => [id, grantJson(g)]));
  }
  return out;
}

// -- editing --------------------------------------------------------------------------------

/** The grant with `action` on or off (actions kept in their canonical order). */
export function toggleAction(g: Grant, action: Action, on: boolean): Grant {
  const set = new Set(g.actions);
  if (on) set.add(action);
  else set.delete(action);
  const known = ACTIONS.filter((a) => set.has(a));
  const other = g.actions.filter((a) => !ACTIONS.includes(a) && set.has(a));
  return { ...g, actions: [...known, ...other] };
}

/** How field `id` stands in the grant. */
export function rightOf(g: Grant, id: string): FieldRight {
  if (g.visible && !g.visible.includes(id)) return "hidden";
  const marked = g.fields?.[id];
  return marked === "hidden" ? "hidden" : marked === "readonly" ? "readonly" : "visible";
}

/** The grant with field `id` made visible, read-only or hidden, written the grant's way. */
export function setRight(g: Grant, id: string, right: FieldRight): Grant {
  const fields = { ...(g.fields ?? {}) };
  delete fields[id];
  if (right === "readonly" || (right === "hidden" && !g.visible)) fields[id] = right;
  let visible = g.visible;
  if (visible) {
    const without = visible.filter((v) => v !== id);
    visible = right === "hidden" ? without : visible.includes(id) ? visible : [...without, id];
  }
  const out: Grant = { ...g, visible };
  if (Object.keys(fields).length || g.fields) out.fields = fields;
  else delete out.fields;
  if (!visible) delete out.visible;
  return out;
}

/** Whether fields added to the form later are hidden (the grant lists its visible fields). */
export const newFieldsHidden = (g: Grant) => g.visible !== undefined;

/** The grant written the other way (`visible` list, or `fields` map), the same fields visible now. */
export function setNewFieldsHidden(g: Grant, hidden: boolean, fieldIds: string[]): Grant {
  if (hidden === newFieldsHidden(g)) return g;
  const rights = new Map(fieldIds.map((id) => [id, rightOf(g, id)]));
  const out: Grant = { actions: g.actions, scope: g.scope };
  const fields: Record<string, "hidden" | "readonly"> = {};
  if (hidden) {
    out.visible = fieldIds.filter((id) => rights.get(id) !== "hidden");
    fieldIds.forEach((id) => { if (rights.get(id) === "readonly") fields[id] = "readonly"; });
  } else {
    fieldIds.forEach((id) => { const r = rights.get(id); if (r !== "visible") fields[id] = r as "hidden" | "readonly"; });
  }
  if (Object.keys(fields).length) out.fields = fields;
  return out;
}

/** A fresh id `role_<n>` not among `taken`. */
export function freshRoleId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) if (!used.has(`role_${n}`)) return `role_${n}`;
}
