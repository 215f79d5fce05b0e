/** The forms that point at a form through relation fields (the tabs of a record's 360 view). */
import { api } from "../api/client";
import { metaCache } from "../api/cache";
import { traitsOf } from "../api/fieldTypes";
import type { RelationInfo } from "../api/types";

export async function relationsOf(app: string, form: string): Promise<RelationInfo[]> {
  const listed = await api.relations(app, form);
  if (listed) return listed;
  // the server does not list them: look through the definitions the user may read
  const forms = await metaCache.forms(app);
  const found = await Promise.all(forms.map(async (f) => {
    try {
      const def = await metaCache.form(app, f.id);
      return def.fields.filter((x) => traitsOf(x.type).references === "form" && x.target === form)
        .map((x) => ({ form: f.id, field: x.id, label: x.label, form_label: def.label }));
    } catch {
      return [];
    }
  }));
  return found.flat();
}
