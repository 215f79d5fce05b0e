/** The signed-in user's unread message count, shared by the bell and the message pages (polled
 * every 30 s, hooks/polledCount.ts). */
import { polledCount } from "../hooks/polledCount";
import { notifyApi } from "./api";

const unread = polledCount(() => notifyApi.unread(), 30_000);

export const refreshUnread = unread.refresh;
/** Set the count from an answer that carried it (a listing, mark-all-read). */
export const setUnread = unread.set;
export const watchUnread = unread.watch;
