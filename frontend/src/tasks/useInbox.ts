/** One page of the inbox for the state in the address; the overdue filter is also applied to the
 * page (in case the server does not filter by it); the pending count follows a reload. */
import { useCallback, useEffect, useRef, useState } from "react";
import { taskApi } from "./api";
import { slaOf } from "./countdown";
import { toQuery, type InboxState } from "./inboxQuery";
import { refreshPending } from "./pending";
import type { InboxItem } from "./types";

export function useInbox(state: InboxState) {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const key = JSON.stringify(toQuery(state));

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    taskApi.inbox(JSON.parse(key)).then((page) => {
      if (mine !== seq.current) return;
      const shown = state.overdue ? page.items.filter((i) => slaOf(i).status === "overdue") : page.items;
      setItems(shown);
      setTotal(state.overdue && shown.length < page.items.length ? shown.length : page.total);
      setLoading(false);
    }, (err: unknown) => {
      if (mine !== seq.current) return;
      setError(err);
      setLoading(false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  const reload = useCallback(() => {
    setTick((n) => n + 1);
    refreshPending();
  }, []);
  return { items, total, loading, error, reload };
}
