/** The users page's REST calls: the user list, creating and changing users, password resets,
 * the roles a user may be given and the spreadsheet import. */
import { request } from "../../api/client";
import type { Text } from "../../api/types";

export interface AdminUser {
  id: number;
  username: string;
  name: string;
  email: string | null;
  active: boolean;
  departments: { id: number; name: string; name_en?: string | null; is_primary?: boolean }[];
  roles: string[];
  last_login: string | null;
  created_on: string | null;
  must_change_password?: boolean;
}

export interface UserQuery {
  q?: string;
  department?: number;
  role?: string;
  active?: boolean;
  limit?: number;
  offset?: number;
}

export interface RoleChoice {
  name: string;
  app: string | null;
  app_label?: Text | null;
  label: Text;
}

export interface NewUser {
  username: string;
  name: string;
  email?: string | null;
  departments?: number[];
  roles?: string[];
  password?: string;
  must_change_password?: boolean;
}

export interface RowProblem {
  field: string;
  code: string;
  row: number;
  column: string | null;
  message: Text;
}

export interface ImportPreview {
  rows: { row: number; username: string | null; name: string | null; email: string | null;
    departments: { id: number; name: string }[]; roles: string[]; errors: RowProblem[] }[];
  errors: RowProblem[];
  total: number;
  valid: number;
}

export interface Imported {
  created: { row: number; id: number; username: string; name: string; initial_password: string }[];
  total: number;
}

const sheet = (file: File) => {
  const form = new FormData();
  form.append("file", file);
  return form;
};

export const usersApi = {
  list: (q: UserQuery) => request<{ items: AdminUser[]; total: number }>("GET", "/admin/users", {
    query: { ...q, active: q.active === undefined ? undefined : String(q.active) },
  }),
  create: (body: NewUser) => request<AdminUser & { initial_password: string | null }>("POST", "/admin/users", { body }),
  update: (id: number, body: Partial<Pick<AdminUser, "name" | "email" | "active" | "roles">> & { departments?: number[] }) =>
    request<AdminUser>("PATCH", `/admin/users/${id}`, { body }),
  resetPassword: (id: number) =>
    request<{ id: number; password: string | null }>("POST", `/admin/users/${id}/password`, { body: {} }),
  roles: () => request<{ items: RoleChoice[]; admin_role: string }>("GET", "/admin/roles"),
  preview: (file: File) => request<ImportPreview>("POST", "/admin/users/import/preview", { form: sheet(file) }),
  importUsers: (file: File) => request<Imported>("POST", "/admin/users/import", { form: sheet(file) }),
};
