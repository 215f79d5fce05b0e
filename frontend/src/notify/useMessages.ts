/** The caller's messages in one tab (unread / read / all): first page, more pages by before_id,
 * opening one (marks it read), marking all read; the shared unread count follows. */
import { useCallback, useEffect, useRef, useState } from "react";
import { notifyApi } from "./api";
import type { Message, MessageState } from "./types";
import { setUnread } from "./unread";

export function useMessages(state: MessageState, pageSize = 20) {
  const [items, setItems] = useState<Message[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  /** Ask for the page before `before` (null: the first) and apply it, unless a newer request
   * was made meanwhile. */
  const fetchPage = useCallback((before: number | null, apply: (page: Message[]) => void) => {
    const mine = ++seq.current;
    setLoading(true);
    notifyApi.messages(state, before, pageSize).then((page) => {
      if (mine !== seq.current) return;
      apply(page.items);
      setNext(page.next_before_id);
      setUnread(page.unread);
      setLoading(false);
    }, (err: unknown) => {
      if (mine !== seq.current) return;
      setError(err);
      setLoading(false);
    });
  }, [state, pageSize]);

  useEffect(() => {
    setError(undefined);
    fetchPage(null, setItems);
  }, [fetchPage, tick]);

  const loadMore = useCallback(() => {
    if (next == null) return;
    fetchPage(next, (more) => setItems((old) => [...old, ...more.filter((m) => !old.some((o) => o.id === m.id))]));
  }, [fetchPage, next]);

  /** Mark one read (when it was not); the list keeps showing it until reloaded. */
  const markRead = useCallback(async (m: Message) => {
    if (m.read_at) return;
    const done = await notifyApi.markRead(m.id);
    setItems((old) => old.map((o) => (o.id === m.id ? { ...o, read_at: done?.read_at ?? new Date().toISOString() } : o)));
    notifyApi.unread().then(setUnread, () => undefined);
  }, []);

  const markAllRead = useCallback(async () => {
    const reply = await notifyApi.markAllRead();
    setUnread(reply?.unread ?? 0);
    setTick((n) => n + 1);
  }, []);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, next, loading, error, loadMore, markRead, markAllRead, reload };
}
