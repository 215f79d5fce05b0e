/** Per-session caches of metadata that rarely changes while a page is open. */
import { api } from "./client";
import type { Department, FieldTypeInfo, FormDef, FormSummary, JsonSchema } from "./types";
import { setFieldTypes } from "./fieldTypes";
import { rememberDepartments } from "../registries/entities";

const defs = new Map<string, Promise<FormDef>>();
const schemas = new Map<string, Promise<JsonSchema>>();
const formLists = new Map<string, Promise<FormSummary[]>>();
let departments: Promise<Department[]> | null = null;
let fieldTypes: Promise<FieldTypeInfo[]> | null = null;

/** Definitions may be changed by a designer in another tab: keep them for a short while only. */
const TTL_MS = 20_000;
const loadedAt = new Map<string, number>();
/** What a page asking for a fresh copy still accepts: one fetched this instant (a prefetch). */
const JUST_LOADED_MS = 3_000;

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>, fresh = false): Promise<T> {
  let hit = map.get(key);
  const age = Date.now() - (loadedAt.get(key) ?? 0);
  if (!hit || age > TTL_MS || (fresh && age > JUST_LOADED_MS)) {
    hit = load();
    hit.catch(() => map.delete(key));
    map.set(key, hit);
    loadedAt.set(key, Date.now());
  }
  return hit;
}

export const metaCache = {
  form: (app: string, form: string, fresh = false) => cached(defs, `def:${app}/${form}`, () => api.form(app, form), fresh),
  schema: (app: string, form: string, fresh = false) =>
    cached(schemas, `schema:${app}/${form}`, () => api.schema(app, form), fresh),
  forms: (app: string, fresh = false) => cached(formLists, `forms:${app}`, () => api.forms(app), fresh),
  departments(): Promise<Department[]> {
    if (!departments) {
      departments = api.departments().then((tree) => {
        rememberDepartments(tree);
        return tree;
      });
      departments.catch(() => { departments = null; });
    }
    return departments;
  },
  /** The server's field types with their traits, loaded once (api/fieldTypes.ts reads them synchronously). */
  fieldTypes(): Promise<FieldTypeInfo[]> {
    if (!fieldTypes) {
      fieldTypes = api.fieldTypes().then((reply) => {
        setFieldTypes(reply);
        return reply.items;
      });
      fieldTypes.catch(() => { fieldTypes = null; });
    }
    return fieldTypes;
  },
  /** Take replies already under way (the page load's bootstrap request) as the cached ones. */
  seed(app: string, parts: { forms?: Promise<FormSummary[]>; form?: [string, Promise<FormDef>];
    departments?: Promise<Department[]> }): void {
    const put = <T>(map: Map<string, Promise<T>>, key: string, value: Promise<T>) => {
      value.catch(() => map.delete(key));
      map.set(key, value);
      loadedAt.set(key, Date.now());
    };
    if (parts.forms) put(formLists, `forms:${app}`, parts.forms);
    if (parts.form) put(defs, `def:${app}/${parts.form[0]}`, parts.form[1]);
    if (parts.departments) {
      departments = parts.departments.then((tree) => {
        rememberDepartments(tree);
        return tree;
      });
      departments.catch(() => { departments = null; });
    }
  },
  clear(): void {
    defs.clear();
    schemas.clear();
    formLists.clear();
    loadedAt.clear();
    departments = null;
  },
};

/** The event the designer sends after saving or publishing a definition. */
export const DEFINITIONS_CHANGED = "trellis:definitions-changed";

/** Forget cached definitions and tell open views (the side menu) to reload them. */
export function definitionsChanged(): void {
  metaCache.clear();
  window.dispatchEvent(new Event(DEFINITIONS_CHANGED));
}
