/**
 * Keeps the record form's lookup fields in step with their relations: when a relation field
 * changes, the related record is read (once per record id while the form is open) and each
 * lookup through that relation takes the value of its field; a cleared relation clears them.
 */
import { useEffect, useMemo, useRef } from "react";
import { api } from "../api/client";
import type { FormDef, RecordRow } from "../api/types";
import { idOf } from "../registries/entities";
import { lookupSpecs } from "./computed";

type Data = Record<string, unknown>;

export function useLookups(app: string, def: FormDef, data: Data, update: (fn: (d: Data) => Data) => void): void {
  const specs = useMemo(() => lookupSpecs(def), [def]);
  const seen = useRef(new Map<string, number | null>());
  const rows = useRef(new Map<string, Promise<RecordRow>>());
  const vias = useMemo(() => [...new Map(specs.map((s) => [s.via.id, s.via])).values()], [specs]);
  const key = vias.map((v) => `${v.id}=${idOf(data[v.id]) ?? ""}`).join("&");

  useEffect(() => {
    for (const via of vias) {
      const id = idOf(data[via.id]) ?? null;
      const before = seen.current.get(via.id);
      seen.current.set(via.id, id);
      if (before === undefined || before === id) continue; // first sight: the stored values stand
      const mine = specs.filter((s) => s.via.id === via.id);
      if (id == null) {
        update((d) => { const out = { ...d }; mine.forEach((s) => delete out[s.field.id]); return out; });
        continue;
      }
      const cacheKey = `${via.target}/${id}`;
      if (!rows.current.has(cacheKey)) rows.current.set(cacheKey, api.get(app, via.target as string, id));
      rows.current.get(cacheKey)!.then((row) => {
        if (seen.current.get(via.id) !== id) return;
        update((d) => {
          const out = { ...d };
          for (const s of mine) {
            const v = row[s.source];
            if (v === null || v === undefined) delete out[s.field.id];
            else out[s.field.id] = v;
          }
          return out;
        });
      }).catch(() => rows.current.delete(cacheKey));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, app]);
}
