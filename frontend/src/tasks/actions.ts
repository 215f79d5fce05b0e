/** Which buttons a task or a started run offers: the server's `actions` when it lists them, else
 * the defaults of the task's kind; which inputs each action's modal asks for; which inbox lines
 * can be approved in a batch. */
import type { InboxItem, TaskAction } from "./types";

/** The order of the action bar (the first one is the primary button). */
export const ACTION_ORDER: TaskAction[] = ["approve", "handle", "reject", "return", "transfer", "add_signer", "comment"];

const DEFAULTS: Record<string, TaskAction[]> = {
  approval: ["approve", "reject", "return", "transfer", "add_signer"],
  handle: ["handle", "transfer"],
  cc: [],
};

const LIVE_TASK = new Set(["pending"]);
const LIVE_RUN = new Set(["pending", "running", "waiting"]);

function known(a: string): a is TaskAction {
  return (ACTION_ORDER as string[]).includes(a) || a === "read";
}

/** The actions of the task's bar, in bar order. A task that is no longer pending offers only a
 * comment (on a cc copy too); `read` is done on opening, never a button. */
export function taskActions(task: Pick<InboxItem, "kind" | "state" | "actions">): TaskAction[] {
  const listed = Array.isArray(task.actions) ? task.actions.filter(known) : null;
  const live = task.state == null || LIVE_TASK.has(task.state);
  let out: TaskAction[];
  if (!live || task.kind === "cc") out = listed ? listed.filter((a) => a === "comment") : ["comment"];
  else out = listed ?? [...(DEFAULTS[task.kind ?? "approval"] ?? []), "comment"];
  if (!out.includes("comment") && (listed == null || live)) out = [...out, "comment"];
  return ACTION_ORDER.filter((a) => out.includes(a));
}

/** What an action's modal asks for besides the comment. */
export interface ActionNeeds {
  /** the comment must be given */
  comment: boolean;
  /** an earlier node (or "start") to go back to */
  returnTo: boolean;
  /** one user to hand the task to */
  user: boolean;
  /** users to add and before/after */
  signers: boolean;
  /** the editable field values go with it */
  values: boolean;
}

export function needsOf(action: TaskAction): ActionNeeds {
  return {
    comment: action === "reject" || action === "return" || action === "comment",
    returnTo: action === "return",
    user: action === "transfer",
    signers: action === "add_signer",
    values: action === "handle" || action === "approve",
  };
}

/** An inbox line that a batch approve can take. */
export function canBatchApprove(item: InboxItem): boolean {
  return taskActions(item).includes("approve");
}

/** The initiator's buttons on a run they started: withdraw (until someone acted; the server says
 * no otherwise) and urge, while the run lives. */
export function runActions(item: Pick<InboxItem, "status" | "state" | "actions">): ("withdraw" | "urge")[] {
  if (Array.isArray(item.actions)) return (["withdraw", "urge"] as const).filter((a) => item.actions!.includes(a));
  const status = item.status ?? item.state ?? "";
  return LIVE_RUN.has(status) ? ["withdraw", "urge"] : [];
}

export const DANGER_ACTIONS = new Set<TaskAction>(["reject"]);
