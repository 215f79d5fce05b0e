/** Task UI texts (namespace "tasks", loaded with the inbox, the task view and a record's approval progress). */
import type zh from "./zh";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

const en: Texts<typeof zh> = {
  menu: "Tasks",
  title: "Tasks",
  tabs: { pending: "To do", done: "Done", initiated: "Started by me", cc: "CC to me" },
  tabsShort: { pending: "To do", done: "Done", initiated: "Mine", cc: "CC" },
  filters: {
    app: "App", form: "Form", anyForm: "All forms", overdue: "Overdue only", search: "Search title, flow or initiator",
  },
  columns: { title: "Title", flow: "Flow / step", initiator: "Initiator", created: "Arrived", acted: "Done on", sla: "Due", status: "Status", waiting: "Waiting for" },
  empty: { pending: "Nothing to do", done: "No tasks done yet", initiated: "You have not started an approval", cc: "Nothing copied to you" },
  loadFailed: "Tasks could not be loaded",
  total: "{{count}} in all",
  by: "by {{name}}",
  waitingFor: "Waiting for {{names}}",
  kind: { approval: "Approval", handle: "Handle", cc: "CC" },
  sla: {
    left: { minutes: "{{count}} min left", hours: "{{count}} h left", days: "{{count}} d left" },
    over: { minutes: "{{count}} min overdue", hours: "{{count}} h overdue", days: "{{count}} d overdue" },
    overdue: "Overdue", due: "Due {{at}}",
  },
  batch: {
    approve: "Approve selected", selected: "{{count}} selected", confirm: "Approve the {{count}} selected tasks?",
    comment: "Comment (optional)", result: "Batch approval", ok: "Approved", failed: "Not done",
    summary: "{{ok}} done, {{failed}} failed", none: "None of the selected tasks can be approved in a batch",
  },
  actions: {
    approve: "Approve", reject: "Reject", return: "Return", transfer: "Transfer", add_signer: "Add signer", handle: "Submit",
    comment: "Comment", read: "Mark read", withdraw: "Withdraw", urge: "Urge", submit: "Submit for approval", resubmit: "Resubmit",
  },
  modal: {
    comment: "Comment", commentPlaceholder: "Your comment", commentRequired: "Please write a comment",
    returnTo: "Return to", returnStart: "Initiator", returnRequired: "Pick the step to return to",
    transferTo: "Transfer to", userRequired: "Pick a person", signers: "Signers to add", signersRequired: "Pick the signers",
    position: "Position", before: "Before me", after: "After me", attachments: "Attachments",
    withdrawConfirm: "Withdraw this approval? You can then change the record and submit it again.",
    urgeConfirm: "Remind the current approvers?", submitConfirm: "Submit this record for approval?",
    chooseApprovers: "Pick who handles {{step}}", choose: "Pick people",
  },
  done: {
    approve: "Approved", reject: "Rejected", return: "Returned", transfer: "Transferred", add_signer: "Signer added", handle: "Submitted",
    comment: "Comment added", read: "Marked read", withdraw: "Withdrawn", urge: "Reminder sent", submit: "Submitted for approval",
  },
  task: {
    title: "Task", record: "Record", history: "History", noHistory: "Nothing yet", openRecord: "Open record",
    noFields: "This step shows none of the record's fields", notFound: "The task does not exist or is not yours",
    closed: "This task is done: view only", initiator: "Initiator", arrived: "Arrived", due: "Due",
    fixFields: "Please correct the marked fields", required: "Required",
  },
  states: {
    queued: "Queued", pending: "Pending", approved: "Approved", rejected: "Rejected", returned: "Returned", transferred: "Transferred",
    handled: "Handled", cancelled: "Cancelled", skipped: "Skipped", auto: "Auto-approved", cc: "CC", read: "Read",
    running: "Running", waiting: "In approval", done: "Ended", failed: "Failed", withdrawn: "Withdrawn", comment: "Comment",
    add_signer: "Signer added", urged: "Urged",
  },
  status: { pending: "In approval", approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn", returned: "Returned" },
  run: {
    title: "Approval progress", waitingAt: "Current step", waitingFor: "Waiting for", due: "Due", noWait: "Nobody to wait for",
    history: "History", diagram: "Flow diagram", started: "Started by {{name}} on {{at}}",
  },
  urged: "Urged {{count}} times",
};

export default en;
