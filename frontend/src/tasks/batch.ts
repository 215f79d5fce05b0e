/** A batch action's answer, read into one result per id whatever shape the server gives it
 * (a list under `results` / `items`, or an object keyed by id); an id it does not mention failed. */
import type { Text } from "../api/types";
import type { BatchResult } from "./types";

type Raw = Record<string, unknown>;

function one(id: number, raw: unknown): BatchResult {
  if (raw == null || typeof raw !== "object") return { id, ok: Boolean(raw) };
  const r = raw as Raw;
  const error = (r.error ?? null) as BatchResult["error"];
  const ok = typeof r.ok === "boolean" ? r.ok : !error;
  return { id, ok, error: ok ? null : error, state: (r.state as string | undefined) ?? null };
}

export function normalizeBatch(reply: unknown, ids: number[]): BatchResult[] {
  const r = (reply ?? {}) as Raw;
  const list = Array.isArray(reply) ? reply : Array.isArray(r.results) ? r.results : Array.isArray(r.items) ? r.items : null;
  const byId = new Map<number, BatchResult>();
  if (list) {
    for (const x of list as Raw[]) {
      const id = Number(x?.id ?? x?.task);
      if (Number.isFinite(id)) byId.set(id, one(id, x));
    }
  } else {
    const keyed = (r.results && typeof r.results === "object" ? r.results : r) as Raw;
    for (const [k, v] of Object.entries(keyed)) {
      const id = Number(k);
      if (Number.isFinite(id)) byId.set(id, one(id, v));
    }
  }
  const missing: Text = { zh: "服务器没有返回结果", en: "the server gave no result" };
  return ids.map((id) => byId.get(id) ?? { id, ok: false, error: { code: "missing", message: missing } });
}
