/** Loads what the designer needs: field types, the app's forms, the draft and the published field ids. */
import { useCallback, useEffect, useState } from 'react';
import { metaCache } from '../../api/cache';
import { designerApi } from '../api';
import type { FieldTypeInfo, FormDefinition, FormSummary } from '../model/types';

export interface DesignerData {
  types: FieldTypeInfo[];
  forms: FormSummary[];
  def: FormDefinition;
  /** Ids of the fields in the published version (empty when never published). */
  published: string[];
  publishedVersion: number | null;
}

/** The published version's number, field ids and body (deleted fields included), from the app's form list. */
export async function publishedInfo(
  app: string,
  form: string,
  forms?: FormSummary[],
): Promise<{ forms: FormSummary[]; version: number | null; ids: string[]; body: FormDefinition | null }> {
  const list = forms ?? (await designerApi.forms(app));
  const version = list.find((f) => f.id === form)?.published_version ?? null;
  if (!version) return { forms: list, version: null, ids: [], body: null };
  const body = await designerApi.version(app, form, version);
  return { forms: list, version, ids: (body.fields ?? []).map((f) => f.id), body };
}

export function useDesignerData(app: string, form: string) {
  const [data, setData] = useState<DesignerData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([metaCache.fieldTypes(), designerApi.definition(app, form), publishedInfo(app, form)])
      .then(([types, def, info]) => {
        if (live) setData({ types, forms: info.forms, def, published: info.ids, publishedVersion: info.version });
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      });
    return () => {
      live = false;
    };
  }, [app, form, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, retry };
}
