/**
 * The index advice of the form being designed, fetched once and shared by the field tab
 * and the form panel; creating indexes publishes the form, so the designer reloads after.
 */
import './locales';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { indexApi } from './api';
import type { IndexAdvice, IndexesCreated } from './api';

/** `basis`: the designer's published field list when fetched; a new one (after a publish) fetches again. */
type Entry = { advice?: IndexAdvice; error?: unknown; pending?: Promise<void>; basis?: unknown };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function notify() {
  listeners.forEach((fn) => fn());
}

function load(app: string, form: string, basis: unknown, force = false): Entry {
  const key = `${app}/${form}`;
  const known = entries.get(key);
  if (known && !force && (known.basis === basis || known.pending)) return known;
  const entry: Entry = { basis };
  entry.pending = indexApi
    .advice(app, form)
    .then((advice) => {
      entry.advice = advice;
    })
    .catch((err: unknown) => {
      entry.error = err;
    })
    .finally(() => {
      entry.pending = undefined;
      notify();
    });
  entries.set(key, entry);
  return entry;
}

export function useIndexAdvice(app: string, form: string, basis: unknown) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  const entry = load(app, form, basis);
  const refresh = useCallback(() => {
    load(app, form, basis, true);
    notify();
  }, [app, form, basis]);
  const create = useCallback(
    async (fields: string[]): Promise<IndexesCreated> => {
      const done = await indexApi.create(app, form, fields);
      entries.set(`${app}/${form}`, { advice: done.advice, basis });
      notify();
      return done;
    },
    [app, form, basis],
  );
  // 403: not an administrator; 404: the form is not published yet (nothing to advise on)
  const status = entry.error instanceof ApiError ? entry.error.status : 0;
  const forbidden = status === 403 || status === 404;
  return { advice: entry.advice, error: forbidden ? undefined : entry.error, forbidden, status, loading: !!entry.pending,
    refresh, create };
}
