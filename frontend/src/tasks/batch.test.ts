import { describe, expect, it } from "vitest";
import { normalizeBatch } from "./batch";

describe("normalizeBatch", () => {
  it("reads a list of results", () => {
    const out = normalizeBatch({ results: [{ id: 1, ok: true, state: "approved" }, { id: 2, ok: false, error: { message: { zh: "不是你的", en: "not yours" } } }] }, [1, 2]);
    expect(out).toEqual([
      { id: 1, ok: true, error: null, state: "approved" },
      { id: 2, ok: false, error: { message: { zh: "不是你的", en: "not yours" } }, state: null },
    ]);
  });

  it("reads results keyed by id, and an error without ok", () => {
    const out = normalizeBatch({ "3": { state: "approved" }, "4": { error: { code: "conflict" } } }, [3, 4]);
    expect(out.map((r) => r.ok)).toEqual([true, false]);
  });

  it("counts an id the answer does not mention as failed", () => {
    const out = normalizeBatch({ items: [{ id: 5, ok: true }] }, [5, 6]);
    expect(out[1]).toMatchObject({ id: 6, ok: false, error: { code: "missing" } });
  });
});
