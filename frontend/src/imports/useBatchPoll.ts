/** Follow a running import: `GET /imports/{id}` every ~500 ms until the batch reaches a final state. */
import { useEffect, useRef } from "react";
import { api } from "../api/client";
import type { ImportBatch } from "../api/types";
import { isFinal } from "./format";

const EVERY_MS = 500;
const MAX_FAILURES = 10;

export function useBatchPoll(app: string, form: string, batch: ImportBatch | null, onUpdate: (b: ImportBatch) => void,
  onError: (err: unknown) => void): void {
  const update = useRef(onUpdate);
  const fail = useRef(onError);
  update.current = onUpdate;
  fail.current = onError;
  const id = batch && !isFinal(batch.status) ? batch.id : null;

  useEffect(() => {
    if (id === null) return undefined;
    let live = true;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await api.importBatch(app, form, id);
        if (!live) return;
        failures = 0;
        update.current(next);
        if (isFinal(next.status)) return;
      } catch (err) {
        if (!live) return;
        failures += 1;
        if (failures >= MAX_FAILURES) { fail.current(err); return; }
      }
      timer = setTimeout(() => void tick(), EVERY_MS);
    };
    timer = setTimeout(() => void tick(), EVERY_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [app, form, id]);
}
