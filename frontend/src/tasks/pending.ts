/** The signed-in user's pending task count, shared by the menu entry and the header button: one
 * poll (every 60 s and when the window regains focus) while anyone listens and a session exists;
 * acting on a task asks again at once. A failed poll keeps the last count silently. */
import { tokens } from "../api/client";
import { taskApi } from "./api";

type Listener = (n: number) => void;

const POLL_MS = 60_000;
const listeners = new Set<Listener>();
let count = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function publish(n: number): void {
  count = n;
  listeners.forEach((l) => l(n));
}

/** Ask the server now (nothing while signed out). */
export function refreshPending(): void {
  if (!tokens.access()) {
    publish(0);
    return;
  }
  taskApi.pendingCount().then(publish, () => undefined);
}

const onFocus = () => refreshPending();

/** Listen to the count; the returned function stops listening (the poll stops with the last one). */
export function watchPending(listener: Listener): () => void {
  listeners.add(listener);
  listener(count);
  if (listeners.size === 1) {
    refreshPending();
    timer = setInterval(refreshPending, POLL_MS);
    window.addEventListener("focus", onFocus);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    }
  };
}

/** The count now (for a listener that starts later). */
export function pendingNow(): number {
  return count;
}
