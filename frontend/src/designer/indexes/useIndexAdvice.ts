/**
 * The index advice of the form being designed, fetched once and shared by the field tab
 * and the form panel; creating indexes publishes the form, so the designer reloads after.
 */
import './locales';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { indexApi } from './api';
import type { IndexAdvice, IndexesCreated } from './api';

type Entry = { advice?: IndexAdvice; error?: unknown; pending?: Promise<void> };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function notify() {
  listeners.forEach((fn) => fn());
}

function load(app: string, form: string, force = false): Entry {
  const key = `${app}/${form}`;
  const known = entries.get(key);
  if (known && !force) return known;
  const entry: Entry = {};
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

export function useIndexAdvice(app: string, form: string) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  const entry = load(app, form);
  const refresh = useCallback(() => {
    load(app, form, true);
    notify();
  }, [app, form]);
  const create = useCallback(
    async (fields: string[]): Promise<IndexesCreated> => {
      const done = await indexApi.create(app, form, fields);
      entries.set(`${app}/${form}`, { advice: done.advice });
      notify();
      return done;
    },
    [app, form],
  );
  const forbidden = entry.error instanceof ApiError && entry.error.status === 403;
  return { advice: entry.advice, error: forbidden ? undefined : entry.error, forbidden, loading: !!entry.pending,
    refresh, create };
}
