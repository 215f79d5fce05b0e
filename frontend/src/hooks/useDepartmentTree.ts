/** The organization's departments as a TreeSelect's nodes (value: the id, title: the name in
 * the UI language), loaded once through the meta cache; undefined until they arrive. */
import { metaCache } from "../api/cache";
import type { Department } from "../api/types";
import { useLang } from "../i18n/text";
import { useAsync } from "./useAsync";

export interface DepartmentNode {
  value: number;
  title: string;
  children: DepartmentNode[];
}

export function useDepartmentTree(): DepartmentNode[] | undefined {
  const { tx } = useLang();
  const { data } = useAsync(() => metaCache.departments(), []);
  const toNode = (d: Department): DepartmentNode => ({
    value: d.id,
    title: tx({ zh: d.name, en: d.name_en ?? undefined }),
    children: (d.children ?? []).map(toNode),
  });
  return data?.map(toNode);
}
