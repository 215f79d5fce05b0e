/**
 * The front end's own source files as text (Vite's raw glob), for the structure tests:
 * import cycles (importCycles.test.ts) and lists of field-type names (typeLists.test.ts).
 */
const raw = import.meta.glob(["/src/**/*.ts", "/src/**/*.tsx"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** path ("src/grid/GridPage.tsx") -> source text. */
export const SOURCES: Map<string, string> = new Map(Object.entries(raw).map(([p, text]) => [p.replace(/^\//, ""), text]));

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const piece of spec.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  const base = parts.join("/");
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (SOURCES.has(candidate)) return candidate;
  }
  return null;
}

/**
 * Each file's imports of other source files: static value imports and lazy `import()` (a
 * lazy import still ties the modules into one cycle of chunks); type-only imports are left
 * out (they vanish at build time).
 */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [path, text] of SOURCES) {
    if (/\.test\.tsx?$/.test(path)) continue;
    const out: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      if (m[2]) continue; // import type / export type
      const target = resolve(path, m[3]);
      if (target) out.push(target);
    }
    for (const m of text.matchAll(DYNAMIC)) {
      const target = resolve(path, m[1]);
      if (target) out.push(target);
    }
    graph.set(path, out);
  }
  return graph;
}

/** Every import cycle of `graph`, each as the list of files around it (empty: none). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 2);
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}
