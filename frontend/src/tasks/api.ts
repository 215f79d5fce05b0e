/** The task REST calls: the inbox by tab, one task with its record and history, acting on a task
 * (one or a batch), the initiator's withdraw / urge on a run, resubmitting a record, and a run's
 * tasks. */
import { request } from "../api/client";
import { normalizeBatch } from "./batch";
import type { ActionBody, BatchResult, InboxPage, InboxQuery, RecordApproval, SubmitChoice, TaskAction, TaskDetail } from "./types";

interface SubmitChoices { flow: string; choices: SubmitChoice[] }

const appPath = (app: string) => `/apps/${encodeURIComponent(app)}`;

export const taskApi = {
  inbox: (q: InboxQuery) =>
    request<InboxPage>("GET", "/inbox", {
      query: { state: q.state, app: q.app, form: q.form, q: q.q?.trim() || undefined, overdue: q.overdue ? "true" : undefined,
        limit: q.limit ?? 20, offset: q.offset || undefined },
    }).then((r) => ({ items: r?.items ?? [], total: r?.total ?? r?.items?.length ?? 0 })),
  /** my pending count (the menu's badge) */
  pendingCount: () => request<InboxPage>("GET", "/inbox", { query: { state: "pending", limit: 1 } }).then((r) => r?.total ?? 0),
  get: (id: number) => request<TaskDetail>("GET", `/tasks/${id}`),
  act: (id: number, action: TaskAction, body: ActionBody = {}) =>
    request<TaskDetail>("POST", `/tasks/${id}/${action}`, { body }),
  batch: (ids: number[], action: TaskAction, comment?: string) =>
    request<unknown>("POST", "/tasks/batch", { body: { ids, action, comment: comment || undefined } })
      .then((r): BatchResult[] => normalizeBatch(r, ids)),
  withdraw: (app: string, run: number, comment?: string) =>
    request<unknown>("POST", `${appPath(app)}/flow-runs/${run}/withdraw`, { body: comment ? { comment } : {} }),
  urge: (app: string, run: number) => request<unknown>("POST", `${appPath(app)}/flow-runs/${run}/urge`, { body: {} }),
  /** what submitting asks: the steps whose approvers the initiator picks */
  submitChoices: (app: string, form: string, id: number) =>
    request<SubmitChoices>("GET", `${appPath(app)}/forms/${encodeURIComponent(form)}/records/${id}/submit`)
      .then((r) => r?.choices ?? []),
  submit: (app: string, form: string, id: number, approvers?: Record<string, number[]>) =>
    request<unknown>("POST", `${appPath(app)}/forms/${encodeURIComponent(form)}/records/${id}/submit`,
      { body: approvers && Object.keys(approvers).length ? { approvers } : {} }),
  /** a record's runs with people in them (its approvals), newest first */
  approvals: (app: string, form: string, id: number) =>
    request<{ items: RecordApproval[] }>("GET", `${appPath(app)}/forms/${encodeURIComponent(form)}/records/${id}/approvals`)
      .then((r) => r?.items ?? []),
};
