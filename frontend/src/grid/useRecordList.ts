/** Records of a form for a grid: page numbers, or "load more" through the keyset cursor. */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { FieldDef, JsonLogic, RecordRow } from "../api/types";
import { rememberValue } from "../registries/entities";

export type Paging = "pages" | "more";

export interface ListQuery {
  app: string;
  form: string;
  filter: JsonLogic;
  sort: string[];
  q: string;
  fields: string[];
  expand: string[];
  pageSize: number;
  paging: Paging;
  /** to remember expanded labels */
  defs: FieldDef[];
}

export interface RecordList {
  items: RecordRow[];
  count: number | null;
  countExact: boolean;
  loading: boolean;
  error: unknown;
  page: number;
  setPage: (page: number) => void;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  replace: (row: RecordRow) => void;
}

export function remember(defs: FieldDef[], rows: RecordRow[]): void {
  const relational = defs.filter((f) => f.type === "user" || f.type === "relation");
  for (const row of rows) for (const f of relational) rememberValue(f.type, f.target, row[f.id]);
}

export function useRecordList(query: ListQuery): RecordList {
  const [items, setItems] = useState<RecordRow[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [countExact, setCountExact] = useState(true);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [page, setPage] = useState(1);
  const [next, setNext] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const key = JSON.stringify([query.app, query.form, query.filter, query.sort, query.q, query.fields, query.expand,
    query.pageSize, query.paging]);
  const q = useRef(query);
  q.current = query;

  useEffect(() => { setPage(1); }, [key]);

  useEffect(() => {
    const mine = ++seq.current;
    const cur = q.current;
    setLoading(true);
    setError(undefined);
    api.list(cur.app, cur.form, {
      filter: cur.filter, sort: cur.sort, q: cur.q, fields: cur.fields, expand: cur.expand, limit: cur.pageSize,
      page: cur.paging === "pages" ? page : undefined,
    }).then((reply) => {
      if (mine !== seq.current) return;
      remember(cur.defs, reply.items);
      setItems(reply.items);
      setCount(reply.count);
      setCountExact(reply.count_exact);
      setNext(reply.next);
      setLoading(false);
    }, (err: unknown) => {
      if (mine !== seq.current) return;
      setError(err);
      setItems([]);
      setLoading(false);
    });
  }, [key, page, tick]);

  const loadMore = useCallback(() => {
    if (!next) return;
    const mine = ++seq.current;
    const cur = q.current;
    setLoading(true);
    api.list(cur.app, cur.form, {
      filter: cur.filter, sort: cur.sort, q: cur.q, fields: cur.fields, expand: cur.expand, limit: cur.pageSize,
      cursor: next, count: "none",
    }).then((reply) => {
      if (mine !== seq.current) return;
      remember(cur.defs, reply.items);
      setItems((old) => [...old, ...reply.items]);
      setNext(reply.next);
      setLoading(false);
    }, (err: unknown) => {
      if (mine === seq.current) { setError(err); setLoading(false); }
    });
  }, [next]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const replace = useCallback((row: RecordRow) => {
    setItems((old) => old.map((r) => (r.id === row.id ? { ...r, ...row } : r)));
  }, []);

  return { items, count, countExact, loading, error, page, setPage, hasMore: Boolean(next), loadMore, reload, replace };
}
