/** A count the server keeps for the signed-in user (unread messages, pending tasks), shared by
 * everything that shows it: one poll (every `pollMs` and when the window regains focus or becomes
 * visible) while anyone listens and a session exists. A failed poll keeps the last count silently. */
import { tokens } from "../api/client";

type Listener = (n: number) => void;

export interface PolledCount {
  /** Ask the server now (0 while signed out). */
  refresh: () => void;
  /** Set the count from an answer that carried it. */
  set: (n: number) => void;
  /** Listen to the count; the returned function stops listening (the poll stops with the last one). */
  watch: (listener: Listener) => () => void;
  /** The count now. */
  now: () => number;
}

export function polledCount(fetch: () => Promise<number>, pollMs: number): PolledCount {
  const listeners = new Set<Listener>();
  let count = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const set = (n: number) => {
    count = n;
    listeners.forEach((l) => l(n));
  };
  const refresh = () => {
    if (!tokens.access()) {
      set(0);
      return;
    }
    fetch().then(set, () => undefined);
  };
  const onVisible = () => { if (document.visibilityState === "visible") refresh(); };
  const watch = (listener: Listener) => {
    listeners.add(listener);
    listener(count);
    if (listeners.size === 1) {
      refresh();
      timer = setInterval(refresh, pollMs);
      window.addEventListener("focus", refresh);
      document.addEventListener("visibilitychange", onVisible);
    }
    return () => {
      listeners.delete(listener);
      if (!listeners.size) {
        clearInterval(timer);
        window.removeEventListener("focus", refresh);
        document.removeEventListener("visibilitychange", onVisible);
      }
    };
  };
  return { refresh, set, watch, now: () => count };
}
