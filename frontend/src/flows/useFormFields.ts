/** The live fields of a form of the app (empty while loading or without a form). */
import { metaCache } from "../api/cache";
import type { FieldDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";

const NONE: FieldDef[] = [];

export function useFormFields(app: string, form: string | undefined | null): FieldDef[] {
  const { data } = useAsync(async () => (form ? (await metaCache.form(app, form)).fields.filter((f) => !f.deleted) : NONE),
    [app, form]);
  return data ?? NONE;
}
