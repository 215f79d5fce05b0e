/** The pending task count as React state (see pending.ts). */
import { useEffect, useState } from "react";
import { pendingNow, watchPending } from "./pending";

export function usePending(): number {
  const [n, setN] = useState(pendingNow);
  useEffect(() => watchPending(setN), []);
  return n;
}
