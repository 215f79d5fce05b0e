import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { splitErrors } from "./errors";

const FIELDS = new Set(["note", "amount"]);

describe("splitErrors", () => {
  it("puts a record field's problem under it and the rest at the top, in the user's language", () => {
    const err = new ApiError(422, "invalid", { zh: "记录无效", en: "invalid record" }, [
      { field: "note", message: { zh: "必填", en: "required" } },
      { field: "comment", message: { zh: "太长", en: "too long" } },
    ]);
    expect(splitErrors(err, "en", FIELDS)).toEqual({ fields: { note: "required" }, inputs: { comment: "too long" }, top: "invalid record" });
    expect(splitErrors(err, "zh", FIELDS).fields).toEqual({ note: "必填" });
  });

  it("reads the field a refusal names in its details", () => {
    const err = new ApiError(400, "malformed", { zh: "不能转交给自己", en: "a task cannot be transferred to its own assignee" }, [], { field: "to" });
    expect(splitErrors(err, "zh", FIELDS)).toEqual({ fields: {}, inputs: { to: "不能转交给自己" }, top: null });
  });

  it("shows any other error at the top", () => {
    const err = new ApiError(409, "task_not_open", { zh: "待办已处理", en: "the task is done" });
    expect(splitErrors(err, "en", FIELDS)).toEqual({ fields: {}, inputs: {}, top: "the task is done" });
    expect(splitErrors(new Error("offline"), "zh", FIELDS).top).toBe("offline");
  });
});
