/** The query builder's config for filtering a form's records, as the grid's filter and the
 * report designer offer it: the form's fields from their traits, departments listed, people
 * and related records searched as typed, every text in the UI language. Null until the
 * departments are loaded. Imported only by builders that load the query builder on demand. */
import { AntdConfig } from "@react-awesome-query-builder/antd";
import type { Config } from "@react-awesome-query-builder/antd";
import { useEffect, useMemo, useState } from "react";
import { metaCache } from "../api/cache";
import { traitsOf } from "../api/fieldTypes";
import type { Department, FieldDef } from "../api/types";
import { useLang } from "../i18n/text";
import { searchRecords, searchUsers } from "../registries/search";
import { buildConditionConfig } from "./config";
import { conditionFields } from "./fields";

export function useFilterConfig(app: string, fields: FieldDef[]): Config | null {
  const { lang } = useLang();
  const [departments, setDepartments] = useState<Department[] | null>(null);
  useEffect(() => { metaCache.departments().then(setDepartments, () => setDepartments([])); }, []);
  return useMemo(() => {
    if (!departments) return null;
    const search = async (field: FieldDef, q: string) => {
      const found = traitsOf(field.type).references === "user" ? await searchUsers(q) : await searchRecords(app, field, q, lang);
      return found.map((c) => ({ value: c.value, title: c.label }));
    };
    return buildConditionConfig(AntdConfig, conditionFields(fields, lang, "filter", { departments, search }), lang, "filter");
  }, [app, fields, lang, departments]);
}
