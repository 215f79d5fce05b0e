/** The front end's modules import each other without cycles (a cycle makes load order matter). */
import { describe, expect, it } from "vitest";
import { cycles, importGraph } from "./sources";

describe("imports", () => {
  it("finds a cycle when there is one", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });

  it("reads the real sources", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("src/main.tsx")).toContain("src/App.tsx");
  });

  it("have no cycles under src/", () => {
    expect(cycles(importGraph()).map((c) => c.join(" -> "))).toEqual([]);
  });
});
