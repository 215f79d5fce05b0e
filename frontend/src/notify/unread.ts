/** The signed-in user's unread message count, shared by the bell and the message pages: one
 * poll (every 30 s and when the window regains focus) while anyone listens and a session
 * exists; a failed poll keeps the last count silently. */
import { tokens } from "../api/client";
import { notifyApi } from "./api";

type Listener = (n: number) => void;

const POLL_MS = 30_000;
const listeners = new Set<Listener>();
let count = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function publish(n: number): void {
  count = n;
  listeners.forEach((l) => l(n));
}

/** Ask the server now (nothing while signed out). */
export function refreshUnread(): void {
  if (!tokens.access()) {
    publish(0);
    return;
  }
  notifyApi.unread().then(publish, () => undefined);
}

/** Set the count from an answer that carried it (a listing, mark-all-read). */
export function setUnread(n: number): void {
  publish(n);
}

const onFocus = () => refreshUnread();
const onVisible = () => { if (document.visibilityState === "visible") refreshUnread(); };

/** Listen to the count; the returned function stops listening (the poll stops with the last one). */
export function watchUnread(listener: Listener): () => void {
  listeners.add(listener);
  listener(count);
  if (listeners.size === 1) {
    refreshUnread();
    timer = setInterval(refreshUnread, POLL_MS);
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      clearInterval(timer);
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
    }
  };
}
