/** Walk JsonLogic rules: the field names a rule reads, and renaming a field inside a rule. */
import type { JsonLogic } from './types';

function isOp(rule: unknown): rule is Record<string, unknown> {
  return typeof rule === 'object' && rule !== null && !Array.isArray(rule) && Object.keys(rule).length === 1;
}

/** The first segment of a `var` path ("client.name" -> "client"). */
function head(path: unknown): string | null {
  if (typeof path !== 'string' || path === '') return null;
  return path.split('.')[0];
}

/** Field names read by `var` (with a constant path) anywhere in `rule`. */
export function ruleVars(rule: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isOp(node)) return;
    const [op] = Object.keys(node);
    const args = node[op];
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      const name = head(path);
      if (name) out.add(name);
      return;
    }
    walk(args);
  };
  walk(rule);
  return [...out];
}

/** `rule` with every `var` path starting with field `from` renamed to start with `to`. */
export function renameVar<T extends JsonLogic | unknown>(rule: T, from: string, to: string): T {
  const rename = (path: unknown): unknown => {
    if (typeof path !== 'string') return path;
    if (path === from) return to;
    if (path.startsWith(`${from}.`)) return to + path.slice(from.length);
    return path;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isOp(node)) return node;
    const [op] = Object.keys(node);
    const args = node[op];
    if (op === 'var') {
      return { var: Array.isArray(args) ? [rename(args[0]), ...args.slice(1)] : rename(args) };
    }
    return { [op]: walk(args) };
  };
  return walk(rule) as T;
}
