/**
 * The REST client: signs in (JWT kept in localStorage, refreshed once on 401), sends
 * `Authorization: Bearer`, turns error replies into `ApiError` ({status, code, message
 * {zh, en}, errors}) and wraps every endpoint the UI calls.
 */
import type {
  AppInfo, Bootstrap, Department, ExportParams, FieldError, FieldTypesReply, FileMeta, FormDef, FormSummary, HistoryEntry,
  ImportBatch, ImportRequest, InspectReply, JsonSchema, ListParams, ListReply, Me, RecordRow, RelationInfo,
  SavedMapping, Text, UserItem, ViewDef,
} from "./types";

const BASE = "/api/v1";
const ACCESS = "trellis.access";
const REFRESH = "trellis.refresh";
const USERNAME = "trellis.username";

export class ApiError extends Error {
  status: number;
  code: string;
  messages: Text;
  errors: FieldError[];
  details?: Record<string, unknown>;

  constructor(status: number, code: string, messages: Text, errors: FieldError[] = [], details?: Record<string, unknown>) {
    super(messages.en || messages.zh || code);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.errors = errors;
    this.details = details;
  }
}

/** The error message in the given language (falling back to the other one). */
export function errorText(err: unknown, lang: "zh" | "en"): string {
  if (err instanceof ApiError) {
    return (lang === "en" ? err.messages.en || err.messages.zh : err.messages.zh || err.messages.en) || err.code;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

let onUnauthorized: () => void = () => {
  if (!window.location.pathname.startsWith("/signin")) {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`/signin?next=${next}`);
  }
};

/** Where to go when the session is gone (the router sets this to a navigate call). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export const tokens = {
  access: () => localStorage.getItem(ACCESS),
  username: () => localStorage.getItem(USERNAME),
  clear() {
    localStorage.removeItem(ACCESS);
    localStorage.removeItem(REFRESH);
    localStorage.removeItem(USERNAME);
  },
};

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}|${e.code}|${e.row}|${e.column}|${e.message?.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parse an error reply (JSON or not) into an ApiError. */
export async function parseError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const raw = body.message;
  const messages: Text = typeof raw === "string" ? { zh: raw, en: raw }
    : (raw as Text) ?? { zh: `请求失败(${res.status})`, en: `request failed (${res.status})` };
  const errors = Array.isArray(body.errors) ? dedupe(body.errors as FieldError[]) : [];
  return new ApiError(res.status, String(body.code ?? res.status), messages, errors,
    body.details as Record<string, unknown> | undefined);
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  raw?: boolean;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ""}`;
}

async function refreshAccess(): Promise<boolean> {
  const refresh = localStorage.getItem(REFRESH);
  if (!refresh) return false;
  const res = await fetch(`${BASE}/security/refresh`, { method: "POST", headers: { Authorization: `Bearer ${refresh}` } });
  if (!res.ok) return false;
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) return false;
  localStorage.setItem(ACCESS, body.access_token);
  return true;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = tokens.access();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  return fetch(url(path, opts.query), { method, headers, body });
}

/** One API call; resolves to the parsed JSON (or the Response when `raw`). */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 401 && (await refreshAccess())) res = await send(method, path, opts);
  if (res.status === 401) {
    tokens.clear();
    onUnauthorized();
    throw await parseError(res);
  }
  if (!res.ok) throw await parseError(res);
  if (opts.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A listing's query string parameters (also the key of a prefetched first page). */
export function listQuery(p: ListParams): Query {
  return {
    filter: p.filter ? JSON.stringify(p.filter) : undefined,
    sort: p.sort?.length ? p.sort.join(",") : undefined,
    limit: p.limit,
    page: p.page,
    cursor: p.cursor ?? undefined,
    q: p.q?.trim() || undefined,
    fields: p.fields?.length ? p.fields.join(",") : undefined,
    expand: p.expand?.length ? p.expand.join(",") : undefined,
    count: p.count,
  };
}

const forms = (app: string) => `/apps/${encodeURIComponent(app)}/forms`;
const records = (app: string, form: string) => `${forms(app)}/${encodeURIComponent(form)}/records`;
const imports = (app: string, form: string) => `${forms(app)}/${encodeURIComponent(form)}/imports`;

/** Tolerate an endpoint the server does not offer (yet): 404/405 give `fallback`. */
async function optional<T>(call: Promise<T>, fallback: T): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405) && err.code !== "not_found") return fallback;
    throw err;
  }
}

/** A file the API serves (export, template, error workbook), fetched with the token (a plain link
 * cannot carry it): its bytes and its Content-Disposition. `path` is below /api/v1, or a full
 * /api/v1/... address such as a batch's errors_url. */
async function fetchFile(path: string, query?: Query): Promise<{ blob: Blob; disposition: string | null }> {
  let rel = path;
  if (/^https?:\/\//.test(rel)) rel = new URL(rel).pathname + new URL(rel).search;
  if (rel.startsWith(`${BASE}/`)) rel = rel.slice(BASE.length);
  const res = await request<Response>("GET", rel, { query, raw: true });
  return { blob: await res.blob(), disposition: res.headers.get("Content-Disposition") };
}

export const api = {
  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${BASE}/security/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password, provider: "db", refresh: true }),
    });
    if (!res.ok) throw await parseError(res);
    const body = (await res.json()) as { access_token: string; refresh_token?: string };
    localStorage.setItem(ACCESS, body.access_token);
    if (body.refresh_token) localStorage.setItem(REFRESH, body.refresh_token);
    localStorage.setItem(USERNAME, username);
  },
  logout(): void {
    tokens.clear();
  },
  async me(): Promise<Me> {
    const fallback: Me = { id: 0, username: tokens.username() ?? "", roles: [], is_admin: false };
    return optional(request<Me>("GET", "/me"), fallback);
  },
  /** the caller, apps and departments and, for a page of `app` / `form`, its forms, views and definition */
  bootstrap: (app?: string, form?: string) => request<Bootstrap>("GET", "/bootstrap", { query: { app, form } }),
  apps: () => request<{ items: AppInfo[] }>("GET", "/apps").then((r) => r.items),
  forms: (app: string) => request<{ items: FormSummary[] }>("GET", forms(app)).then((r) => r.items),
  form: (app: string, form: string) => request<FormDef>("GET", `${forms(app)}/${encodeURIComponent(form)}`),
  schema: (app: string, form: string) => request<JsonSchema>("GET", `${forms(app)}/${encodeURIComponent(form)}/schema`),
  /** Forms whose relation fields point at this form; null when the server does not offer the list. */
  relations: (app: string, form: string) =>
    optional(request<{ items: RelationInfo[] }>("GET", `${forms(app)}/${encodeURIComponent(form)}/relations`)
      .then((r): RelationInfo[] | null => r.items), null),
  list: (app: string, form: string, params: ListParams) =>
    request<ListReply>("GET", records(app, form), { query: listQuery(params) }),
  get: (app: string, form: string, id: number, expand?: string[]) =>
    request<RecordRow>("GET", `${records(app, form)}/${id}`, { query: { expand: expand?.join(",") } }),
  create: (app: string, form: string, body: Record<string, unknown>) =>
    request<RecordRow>("POST", records(app, form), { body }),
  update: (app: string, form: string, id: number, version: number, changes: Record<string, unknown>) =>
    request<RecordRow>("PATCH", `${records(app, form)}/${id}`, { body: { ...changes, version } }),
  remove: (app: string, form: string, id: number, version?: number) =>
    request<void>("DELETE", `${records(app, form)}/${id}`, { query: { version } }),
  bulk: (app: string, form: string, body: { create?: unknown[]; update?: unknown[]; delete?: number[] }) =>
    request<{ created?: unknown; updated?: number[]; deleted?: number[] }>("POST", `${records(app, form)}/bulk`, { body }),
  history: (app: string, form: string, id: number) =>
    request<{ items: HistoryEntry[] }>("GET", `${records(app, form)}/${id}/history`).then((r) => r.items),
  fieldTypes: () => request<FieldTypesReply>("GET", "/field-types"),
  departments: () => request<{ items: Department[] }>("GET", "/departments").then((r) => r.items),
  users: (q: string, limit = 20) =>
    optional(request<{ items: UserItem[] }>("GET", "/users", { query: { q, limit } }), { items: [] }).then((r) => r.items),
  views: (app: string, form?: string) =>
    optional(request<{ items: ViewDef[] }>("GET", `/apps/${encodeURIComponent(app)}/views`, { query: { form } }), { items: [] })
      .then((r) => r.items),
  saveView: (app: string, view: ViewDef) =>
    request<ViewDef>("PUT", `/apps/${encodeURIComponent(app)}/views/${encodeURIComponent(view.id)}`, { body: view }),
  deleteView: (app: string, id: string) =>
    request<void>("DELETE", `/apps/${encodeURIComponent(app)}/views/${encodeURIComponent(id)}`),
  upload(file: File, target?: { app: string; form: string; field: string }): Promise<FileMeta> {
    const form = new FormData();
    form.append("file", file);
    return request<FileMeta>("POST", "/files", { form, query: target });
  },
  async download(id: string, name: string): Promise<void> {
    const res = await request<Response>("GET", `/files/${encodeURIComponent(id)}`, { raw: true });
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = href;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
  fetchFile,
  exportFile: (app: string, form: string, p: ExportParams) =>
    fetchFile(`${forms(app)}/${encodeURIComponent(form)}/export`, {
      format: p.format, filter: p.filter ? JSON.stringify(p.filter) : undefined, sort: p.sort?.join(","),
      q: p.q?.trim() || undefined, fields: p.fields?.join(","), lang: p.lang,
    }),
  importTemplate: (app: string, form: string, lang: "zh" | "en") =>
    fetchFile(`${forms(app)}/${encodeURIComponent(form)}/template.xlsx`, { lang }),
  /** Upload a file (or re-read an upload with another sheet / header row) and get the proposed mapping. */
  inspectImport(app: string, form: string, source: File | string, sheet?: string, headerRow?: number): Promise<InspectReply> {
    if (typeof source === "string") {
      return request<InspectReply>("POST", `${imports(app, form)}/inspect`,
        { body: { upload: source, sheet: sheet ?? null, header_row: headerRow ?? null } });
    }
    const body = new FormData();
    body.append("file", source);
    if (sheet) body.append("sheet", sheet);
    if (headerRow != null) body.append("header_row", String(headerRow));
    return request<InspectReply>("POST", `${imports(app, form)}/inspect`, { form: body });
  },
  startImport: (app: string, form: string, body: ImportRequest) =>
    request<ImportBatch>("POST", imports(app, form), { body }),
  importBatches: (app: string, form: string) =>
    request<ImportBatch[] | { items: ImportBatch[] }>("GET", imports(app, form))
      .then((r) => (Array.isArray(r) ? r : r.items)),
  importBatch: (app: string, form: string, id: number | string) =>
    request<ImportBatch>("GET", `${imports(app, form)}/${encodeURIComponent(String(id))}`),
  cancelImport: (app: string, form: string, id: number | string) =>
    request<ImportBatch>("POST", `${imports(app, form)}/${encodeURIComponent(String(id))}/cancel`),
  /** `force`: also when records were changed after the import (the server refuses with 409 otherwise). */
  rollbackImport: (app: string, form: string, id: number | string, force = false) =>
    request<ImportBatch>("POST", `${imports(app, form)}/${encodeURIComponent(String(id))}/rollback`,
      { body: force ? { force: true } : undefined }),
  saveImportMapping: (app: string, form: string, name: string, mapping: Record<string, string>) =>
    request<SavedMapping>("POST", `${imports(app, form)}/mappings`, { body: { name, mapping } }),
  deleteImportMapping: (app: string, form: string, id: number | string) =>
    request<void>("DELETE", `${imports(app, form)}/mappings/${encodeURIComponent(String(id))}`),
};
