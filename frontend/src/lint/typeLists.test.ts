/**
 * What a field type can do is read from its traits (api/fieldTypes.ts), never decided by
 * lists of type names: outside the registries (which register entries under the server's
 * type names) and tests, no file compares a type with, switches on, or lists more than
 * one known type name.
 */
import { describe, expect, it } from "vitest";
import fixture from "../registries/__fixtures__/field-types.json";
import { SOURCES } from "./sources";

const NAMES = new Set(fixture.items.map((t) => t.key));

/** Files allowed to name types, each with its reason. */
const ALLOWED: Record<string, string> = {
  "src/record/validator.ts": "JSON Schema's own type names (integer, boolean), not field types",
  "src/designer/components/preview/PreviewWidget.tsx": "the designer preview's inputs keyed by type (a registry of "
    + "inert inputs, plugins' types previewed with their registered widget)",
  "src/flows/recipients.ts": "a message's recipient kinds (notify/recipients.py: user, department, ...), not field types",
};

function exempt(path: string): boolean {
  return path.startsWith("src/registries/") || /\.test\.tsx?$/.test(path) || path.includes("__fixtures__")
    || path.startsWith("src/lint/") || path in ALLOWED;
}

/** The type names `text` decides by: compared with a `.type` / `.key`, switched on, or listed. */
export function decisionNames(text: string): Set<string> {
  const found = new Set<string>();
  const add = (name: string) => { if (NAMES.has(name)) found.add(name); };
  for (const m of text.matchAll(/\.(?:type|key)\s*[!=]==?\s*["'](\w+)["']/g)) add(m[1]);
  for (const m of text.matchAll(/["'](\w+)["']\s*[!=]==?\s*\w+(?:\?\.|\.)(?:type|key)\b/g)) add(m[1]);
  for (const m of text.matchAll(/case\s+["'](\w+)["']\s*:/g)) add(m[1]);
  for (const m of text.matchAll(/\[([^[\]]*)\]/g)) {
    const listed = [...m[1].matchAll(/["'](\w+)["']/g)].map((x) => x[1]).filter((n) => NAMES.has(n));
    if (listed.length > 1) listed.forEach(add);
  }
  return found;
}

describe("no lists of field-type names", () => {
  it("finds a decision list", () => {
    expect([...decisionNames('const N = new Set(["money", "percent"]);')]).toEqual(["money", "percent"]);
    expect([...decisionNames('if (f.type === "date" || f.type === "datetime") x();')]).toEqual(["date", "datetime"]);
    expect([...decisionNames("switch (t) { case 'json': case 'url': }")]).toEqual(["json", "url"]);
    expect(decisionNames('<Button type="text" /> typeof v === "boolean"').size).toBe(0);
  });

  it("outside the registries, no file decides by more than one type name", () => {
    const offenders: string[] = [];
    for (const [path, text] of SOURCES) {
      if (exempt(path)) continue;
      const names = decisionNames(text);
      if (names.size > 1) offenders.push(`${path}: ${[...names].sort().join(", ")}`);
    }
    expect(offenders).toEqual([]);
  });
});
