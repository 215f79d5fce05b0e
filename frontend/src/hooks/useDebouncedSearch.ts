/** Server-side search for pickers: debounced, last answer wins, first page loaded on open. */
import { useCallback, useEffect, useRef, useState } from "react";

export function useDebouncedSearch<T>(search: (q: string) => Promise<T[]>, delay = 250) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fn = useRef(search);
  fn.current = search;

  const run = useCallback((q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      fn.current(q).then(
        (found) => { if (mine === seq.current) { setItems(found); setLoading(false); } },
        () => { if (mine === seq.current) setLoading(false); },
      );
    }, delay);
  }, [delay]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { items, loading, search: run };
}
