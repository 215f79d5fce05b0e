/** The record 360's REST calls: key figures, related counts (one request for every relation),
 * the activity timeline page by page, and comments. */
import { request } from "../api/client";
import type { ActivityPage, ActivityType, CommentRow, KeyFigure, RelatedCount } from "./types";

const recordPath = (app: string, form: string, id: number) =>
  `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records/${id}`;

export const record360Api = {
  figures: (app: string, form: string, id: number) =>
    request<{ items: KeyFigure[] }>("GET", `${recordPath(app, form, id)}/summary`).then((r) => r.items),
  relatedCounts: (app: string, form: string, id: number) =>
    request<{ items: RelatedCount[] }>("GET", `${recordPath(app, form, id)}/related-counts`).then((r) => r.items),
  timeline: (app: string, form: string, id: number, before: string | null, types: ActivityType[] | null, limit = 20) =>
    request<ActivityPage>("GET", `${recordPath(app, form, id)}/timeline`, {
      query: { limit, before: before ?? undefined, types: types ? types.join(",") : undefined },
    }),
  comment: (app: string, form: string, id: number, text: string, mentions: number[]) =>
    request<CommentRow>("POST", `${recordPath(app, form, id)}/comments`, { body: { text, mentions } }),
  editComment: (app: string, form: string, id: number, comment: number, text: string, mentions: number[]) =>
    request<CommentRow>("PATCH", `${recordPath(app, form, id)}/comments/${comment}`, { body: { text, mentions } }),
  deleteComment: (app: string, form: string, id: number, comment: number) =>
    request<void>("DELETE", `${recordPath(app, form, id)}/comments/${comment}`),
};
