/** The published definition of a report's form and the fields the report may use (fields.ts):
 * its own, and those of the forms its relations point at that the caller may read. */
import { metaCache } from "../api/cache";
import type { FormDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { fieldGroups, relationsOf, type FieldGroup } from "./fields";

export interface FormFields {
  form: FormDef;
  groups: FieldGroup[];
}

export function useFieldGroups(app: string, form: string | undefined) {
  return useAsync<FormFields | null>(async () => {
    if (!form) return null;
    const def = await metaCache.form(app, form);
    const targets = [...new Set(relationsOf(def).map((f) => f.target as string))].filter((t) => t !== form);
    const found = await Promise.all(targets.map((t) => metaCache.form(app, t).catch(() => undefined)));
    const related = Object.fromEntries(targets.map((t, i) => [t, found[i]]));
    return { form: def, groups: fieldGroups(def, related) };
  }, [app, form]);
}
