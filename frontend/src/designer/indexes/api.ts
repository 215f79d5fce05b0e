/** The index advisor's REST calls and reply shapes (administrators only). */
import { definitionsChanged } from '../../api/cache';
import { request } from '../../api/client';
import type { Text } from '../../api/types';

export interface IndexCost {
  rows: number;
  key_bytes: number;
  null_share: number;
  size_bytes: number;
  build_ms: number;
  blocks_writes: boolean;
}

export interface ViewUse {
  id: string;
  label?: Text;
  shared: boolean;
  owner?: number | null;
  owner_name?: string;
  uses: string[];
  index_friendly: boolean;
}

export interface SlowUse {
  count: number;
  max_ms: number;
  avg_ms: number;
  last_at: string;
  uses: string[];
}

export interface FieldAdvice {
  field: string;
  label?: Text;
  type: string;
  indexable: boolean;
  indexed: boolean;
  index: { name: string; unique: boolean } | null;
  views: ViewUse[];
  slow_queries: SlowUse | null;
  suggested: boolean;
  cost: IndexCost | null;
}

export interface IndexAdvice {
  app: string;
  form: string;
  version: number;
  table: string;
  dialect: string;
  rows: number;
  rows_exact: boolean;
  threshold_ms: number;
  fields: FieldAdvice[];
  recent_slow_queries: { at: string; ms: number; fields: string[] }[];
}

export interface IndexesCreated {
  version: number;
  created: string[];
  existing: string[];
  build_ms: number;
  advice: IndexAdvice;
}

const formPath = (app: string, form: string) =>
  `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}`;

export const indexApi = {
  advice: (app: string, form: string) => request<IndexAdvice>('GET', `${formPath(app, form)}/index-advice`),
  create: (app: string, form: string, fields: string[]) =>
    request<IndexesCreated>('POST', `${formPath(app, form)}/indexes`, { body: { fields } }).then((r) => {
      definitionsChanged();
      return r;
    }),
};
