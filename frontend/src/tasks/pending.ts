/** The signed-in user's pending task count, shared by the menu entry and the header button (polled
 * every 60 s, hooks/polledCount.ts); acting on a task asks again at once. */
import { polledCount } from "../hooks/polledCount";
import { taskApi } from "./api";

const pending = polledCount(() => taskApi.pendingCount(), 60_000);

export const refreshPending = pending.refresh;
export const watchPending = pending.watch;
export const pendingNow = pending.now;
