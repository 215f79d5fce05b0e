/**
 * Labels of things a field holds by id (users, departments, related records), remembered
 * from expanded values the API returned so that ids elsewhere (history, pickers) show names.
 */
import type { Department, UserItem } from "../api/types";

const users = new Map<number, UserItem>();
const departments = new Map<number, Department>();
const records = new Map<string, string>();

export interface Expanded {
  id: number;
  title?: string;
  username?: string;
  code?: string;
}

export function isExpanded(value: unknown): value is Expanded {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Expanded).id === "number";
}

/** The id in a raw (12) or expanded ({id: 12, ...}) value. */
export function idOf(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (isExpanded(value)) return value.id;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return null;
}

export function rememberUser(user: UserItem): void {
  users.set(user.id, user);
}

export function userOf(id: number): UserItem | undefined {
  return users.get(id);
}

export function rememberDepartments(tree: Department[]): void {
  const walk = (items: Department[]) => items.forEach((d) => {
    departments.set(d.id, d);
    walk(d.children ?? []);
  });
  walk(tree);
}

export function departmentOf(id: number): Department | undefined {
  return departments.get(id);
}

export function rememberRecord(form: string, id: number, title: string): void {
  records.set(`${form}:${id}`, title);
}

export function recordTitle(form: string, id: number): string | undefined {
  return records.get(`${form}:${id}`);
}

/** Remember whatever an expanded value of a field referencing `references` (its type's trait) tells. */
export function rememberValue(references: string | null, target: string | undefined, value: unknown): void {
  if (!isExpanded(value)) return;
  if (references === "user") rememberUser({ id: value.id, username: value.username ?? "", title: value.title });
  else if (references === "form" && target && value.title != null) rememberRecord(target, value.id, String(value.title));
}
