/** The record calls behind undo: list the recycle bin (`?deleted=only`), restore a deleted
 * record, revert one entry of a record's history. Kept beside the shared client (api/client.ts)
 * and built on its `request`, so errors arrive as the same ApiError. */
import { listQuery, request } from "../api/client";
import type { ListParams, ListReply, RecordRow } from "../api/types";

const records = (app: string, form: string) =>
  `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records`;

/** A page of soft-deleted records (each with `deleted_at`), with the same parameters as a listing. */
export function listDeleted(app: string, form: string, p: ListParams): Promise<ListReply> {
  return request<ListReply>("GET", records(app, form), { query: { deleted: "only", ...listQuery(p) } });
}

/** Undelete a record; answers the live record. */
export function restoreRecord(app: string, form: string, id: number): Promise<RecordRow> {
  return request<RecordRow>("POST", `${records(app, form)}/${id}/restore`);
}

/** Undo what one history entry recorded; answers the record afterwards. */
export function revertEntry(app: string, form: string, id: number, entry: number): Promise<RecordRow> {
  return request<RecordRow>("POST", `${records(app, form)}/${id}/history/${entry}/revert`);
}
