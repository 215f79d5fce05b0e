import { describe, expect, it } from "vitest";
import type { FieldDef, RecordRow } from "../api/types";
import { missingPicks, statusField, statusOf, submitLabel } from "./approvalStatus";

const opts = (...values: string[]) => values.map((value) => ({ value }));
const FIELDS: FieldDef[] = [
  { id: "stage", type: "single_select", options: opts("new", "won") },
  { id: "approval_status", type: "single_select", options: opts("pending", "approved", "rejected", "withdrawn", "returned") },
];

describe("approval status", () => {
  it("finds the select field holding the statuses", () => {
    expect(statusField(FIELDS)?.id).toBe("approval_status");
    expect(statusField([FIELDS[0]])).toBeNull();
  });

  it("reads the record's status, empty when never submitted", () => {
    expect(statusOf(FIELDS, { id: 1, version: 1, approval_status: "rejected" } as RecordRow)?.status).toBe("rejected");
    expect(statusOf(FIELDS, { id: 1, version: 1 } as RecordRow)?.status).toBe("");
  });

  it("offers submit or resubmit only when the status allows", () => {
    expect(submitLabel("")).toBe("submit");
    expect(submitLabel("rejected")).toBe("resubmit");
    expect(submitLabel("returned")).toBe("resubmit");
    expect(submitLabel("withdrawn")).toBe("resubmit");
    expect(submitLabel("pending")).toBeNull();
    expect(submitLabel("approved")).toBeNull();
  });
});

describe("missingPicks", () => {
  it("names the steps nobody was picked for", () => {
    const choices = [{ node: "head" }, { node: "finance" }];
    expect(missingPicks(choices, {})).toEqual(["head", "finance"]);
    expect(missingPicks(choices, { head: [3], finance: [] })).toEqual(["finance"]);
    expect(missingPicks(choices, { head: [3], finance: [4, 5] })).toEqual([]);
    expect(missingPicks([], {})).toEqual([]);
  });
});
