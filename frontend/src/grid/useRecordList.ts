/** Records of a form for a grid: page numbers, or "load more" through the keyset cursor; live
 * records, or the deleted ones (the recycle bin). The page is the caller's (e.g. from the URL)
 * when it passes `page` and `onPage`; otherwise it is kept here and goes back to 1 whenever
 * the query changes. */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { FieldDef, JsonLogic, ListParams, ListReply, RecordRow } from "../api/types";
import { listDeleted } from "../record/recordApi";
import { takeFirstPage } from "./firstPage";
import { traitsOf } from "../api/fieldTypes";
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
  /** list the deleted records instead of the live ones */
  deleted?: boolean;
  /** a controlled page number (with onPage) */
  page?: number;
  onPage?: (page: number) => void;
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
  const relational = defs.filter((f) => traitsOf(f.type).references);
  for (const row of rows) for (const f of relational) rememberValue(traitsOf(f.type).references, f.target, row[f.id]);
}

function fetchPage(q: ListQuery, params: ListParams): Promise<ListReply> {
  return q.deleted ? listDeleted(q.app, q.form, params) : api.list(q.app, q.form, params);
}

export function useRecordList(query: ListQuery): RecordList {
  const [items, setItems] = useState<RecordRow[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [countExact, setCountExact] = useState(true);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [ownPage, setOwnPage] = useState(1);
  const controlled = query.page !== undefined && query.onPage !== undefined;
  const page = controlled ? query.page! : ownPage;
  const [next, setNext] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const key = JSON.stringify([query.app, query.form, query.filter, query.sort, query.q, query.fields, query.expand,
    query.pageSize, query.paging, query.deleted ?? false]);
  const q = useRef(query);
  q.current = query;
  const setPage = useCallback((p: number) => {
    if (q.current.page !== undefined && q.current.onPage) q.current.onPage(p);
    else setOwnPage(p);
  }, []);

  useEffect(() => { setOwnPage(1); }, [key]);

  useEffect(() => {
    const mine = ++seq.current;
    const cur = q.current;
    setLoading(true);
    setError(undefined);
    const params: ListParams = {
      filter: cur.filter, sort: cur.sort, q: cur.q, fields: cur.fields, expand: cur.expand, limit: cur.pageSize,
      page: cur.paging === "pages" ? page : undefined,
    };
    const started = cur.deleted ? null : takeFirstPage(cur.app, cur.form, params);
    (started ?? fetchPage(cur, params)).then((reply) => {
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
    fetchPage(cur, {
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
