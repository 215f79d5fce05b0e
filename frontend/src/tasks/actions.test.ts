import { describe, expect, it } from "vitest";
import { canBatchApprove, needsOf, runActions, taskActions } from "./actions";
import type { InboxItem } from "./types";

const item = (over: Partial<InboxItem>): InboxItem => ({ id: 1, app: "crm", ...over });

describe("taskActions", () => {
  it("keeps the server's list in bar order, with a comment", () => {
    expect(taskActions({ kind: "approval", state: "pending", actions: ["reject", "approve", "transfer"] }))
      .toEqual(["approve", "reject", "transfer", "comment"]);
  });

  it("defaults by kind when the server lists none", () => {
    expect(taskActions({ kind: "approval", state: "pending" })).toEqual(["approve", "reject", "return", "transfer", "add_signer", "comment"]);
    expect(taskActions({ kind: "handle", state: "pending" })).toEqual(["handle", "transfer", "comment"]);
  });

  it("offers only a comment on a done task or a cc copy, never read", () => {
    expect(taskActions({ kind: "approval", state: "approved", actions: ["approve"] })).toEqual([]);
    expect(taskActions({ kind: "approval", state: "approved" })).toEqual(["comment"]);
    expect(taskActions({ kind: "cc", state: "cc", actions: ["read", "comment"] })).toEqual(["comment"]);
    expect(taskActions({ kind: "cc", state: "read" })).toEqual(["comment"]);
  });

  it("ignores names it does not know", () => {
    expect(taskActions({ kind: "approval", state: "pending", actions: ["approve", "explode"] })).toEqual(["approve", "comment"]);
  });
});

describe("needsOf", () => {
  it("asks each action for what it needs", () => {
    expect(needsOf("return")).toMatchObject({ returnTo: true, comment: true, user: false });
    expect(needsOf("transfer")).toMatchObject({ user: true, comment: false });
    expect(needsOf("add_signer")).toMatchObject({ signers: true });
    expect(needsOf("handle").values).toBe(true);
    expect(needsOf("approve")).toMatchObject({ values: true, comment: false });
    expect(needsOf("reject").comment).toBe(true);
  });
});

describe("batch and run actions", () => {
  it("batches only pending tasks that can be approved", () => {
    expect(canBatchApprove(item({ kind: "approval", state: "pending", actions: ["approve", "reject"] }))).toBe(true);
    expect(canBatchApprove(item({ kind: "handle", state: "pending", actions: ["handle"] }))).toBe(false);
    expect(canBatchApprove(item({ kind: "approval", state: "approved" }))).toBe(false);
  });

  it("offers withdraw and urge while a started run lives", () => {
    expect(runActions(item({ status: "pending" }))).toEqual(["withdraw", "urge"]);
    expect(runActions(item({ status: "approved" }))).toEqual([]);
    expect(runActions(item({ status: "pending", actions: ["urge"] }))).toEqual(["urge"]);
  });
});
