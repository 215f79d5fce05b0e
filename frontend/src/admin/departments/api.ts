/** The departments page's REST calls: the tree, creating, changing (name, parent, head) and
 * deleting a department, and its members. */
import { metaCache } from "../../api/cache";
import { request } from "../../api/client";

export interface DepartmentRow {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  name_en?: string | null;
  manager_id: number | null;
  sort: number;
  children: DepartmentRow[];
}

export interface Member {
  user_id: number;
  username: string | null;
  name: string | null;
  is_primary: boolean;
}

export type DepartmentChanges = Partial<Pick<DepartmentRow, "code" | "name" | "name_en" | "parent_id" | "manager_id">>;

/** Every change drops the cached tree the other pages read. */
const changed = <T>(p: Promise<T>) => p.then((v) => { metaCache.clear(); return v; });

export const departmentsApi = {
  tree: () => request<{ items: DepartmentRow[] }>("GET", "/departments").then((r) => r.items),
  create: (body: DepartmentChanges) => changed(request<DepartmentRow>("POST", "/departments", { body })),
  update: (id: number, body: DepartmentChanges) => changed(request<DepartmentRow>("PATCH", `/departments/${id}`, { body })),
  remove: (id: number) => changed(request<void>("DELETE", `/departments/${id}`)),
  members: (id: number) => request<{ items: Member[] }>("GET", `/departments/${id}/members`).then((r) => r.items),
  setMembers: (id: number, members: { user_id: number; is_primary?: boolean }[]) =>
    request<{ items: Member[] }>("PUT", `/departments/${id}/members`, { body: members }).then((r) => r.items),
};
