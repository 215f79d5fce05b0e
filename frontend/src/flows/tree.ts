/**
 * A flow's block-structured body as a tree, edited without mutation. Places are JSON pointers
 * as the server names them: a node at `/steps/2`, a branch's list at
 * `/steps/0/branches/1/steps`, a branch node's default at `/steps/0/default/steps`, a
 * for-each's body at `/steps/3/steps`. `walk` meets the nodes in the order a run does (the
 * server's flows/structure.py walk), so the same pointers name the same nodes.
 */
import type { Branch, Flow, FlowNode, NodeTypeInfo } from "./types";

/** One step list a container node holds. */
export interface Block {
  /** pointer of the list (e.g. `/steps/0/branches/1/steps`) */
  pointer: string;
  steps: FlowNode[];
  /** a conditional / parallel branch, the branch node's default, or a loop's body */
  kind: "branch" | "default" | "body";
  branch?: Branch;
  index?: number;
}

const isNode = (v: unknown): v is FlowNode => typeof v === "object" && v !== null && !Array.isArray(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The step lists of `node` at `pointer` (none for a plain node). */
export function blocksOf(node: FlowNode, pointer: string): Block[] {
  const out: Block[] = [];
  if (Array.isArray(node.branches)) {
    (node.branches as unknown[]).forEach((b, index) => {
      if (isObj(b) && Array.isArray(b.steps)) {
        out.push({ pointer: `${pointer}/branches/${index}/steps`, steps: b.steps as FlowNode[], kind: "branch",
          branch: b as unknown as Branch, index });
      }
    });
  }
  const dflt = node.default;
  if (isObj(dflt) && Array.isArray(dflt.steps)) {
    out.push({ pointer: `${pointer}/default/steps`, steps: dflt.steps as FlowNode[], kind: "default" });
  }
  if (Array.isArray(node.steps)) out.push({ pointer: `${pointer}/steps`, steps: node.steps as FlowNode[], kind: "body" });
  return out;
}

export interface Placed {
  pointer: string;
  node: FlowNode;
  /** the list holding it and its index there */
  list: string;
  index: number;
}

/** Every node, depth first, in run order. */
export function walk(steps: FlowNode[] | undefined, base = "/steps"): Placed[] {
  const out: Placed[] = [];
  (steps ?? []).forEach((node, index) => {
    if (!isNode(node)) return;
    const pointer = `${base}/${index}`;
    out.push({ pointer, node, list: base, index });
    for (const b of blocksOf(node, pointer)) out.push(...walk(b.steps, b.pointer));
  });
  return out;
}

export function findNode(flow: Flow, id: string): Placed | null {
  return walk(flow.steps).find((p) => p.node.id === id) ?? null;
}

export function pointerOf(flow: Flow, id: string): string | null {
  return findNode(flow, id)?.pointer ?? null;
}

/** Every node id and branch id in use. */
export function idsInUse(flow: Flow): Set<string> {
  const ids = new Set<string>();
  for (const { node } of walk(flow.steps)) {
    ids.add(node.id);
    if (Array.isArray(node.branches)) for (const b of node.branches as Branch[]) if (b?.id) ids.add(b.id);
  }
  return ids;
}

/** A fresh id from `base` (`notify`, `notify_2`, ...). */
export function freshId(taken: Set<string>, base: string): string {
  const stem = (base.toLowerCase().replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "") || "node").slice(0, 30);
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i += 1) if (!taken.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

const segments = (pointer: string) => pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

/** The value at `pointer` in `doc`, undefined when there is none. */
export function getAt(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const s of segments(pointer)) {
    if (Array.isArray(at)) at = at[Number(s)];
    else if (isObj(at)) at = at[s];
    else return undefined;
  }
  return at;
}

/** `doc` with the value at `pointer` replaced by `fn(value)`, copying only the path to it. */
export function updateAt<T>(doc: T, pointer: string, fn: (value: unknown) => unknown): T {
  const go = (at: unknown, rest: string[]): unknown => {
    if (!rest.length) return fn(at);
    const [head, ...tail] = rest;
    if (Array.isArray(at)) {
      const copy = [...at];
      copy[Number(head)] = go(at[Number(head)], tail);
      return copy;
    }
    const obj = isObj(at) ? at : {};
    return { ...obj, [head]: go(obj[head], tail) };
  };
  return go(doc, segments(pointer)) as T;
}

const listOf = (v: unknown): FlowNode[] => (Array.isArray(v) ? (v as FlowNode[]) : []);

/** Insert `node` into the list at `list` before position `index`. */
export function insertNode(flow: Flow, list: string, index: number, node: FlowNode): Flow {
  return updateAt(flow, list, (v) => {
    const steps = [...listOf(v)];
    steps.splice(Math.max(0, Math.min(index, steps.length)), 0, node);
    return steps;
  });
}

export function removeNode(flow: Flow, id: string): Flow {
  const at = findNode(flow, id);
  if (!at) return flow;
  return updateAt(flow, at.list, (v) => listOf(v).filter((_, i) => i !== at.index));
}

/** Whether the node can move by `delta` within its list. */
export function canMove(flow: Flow, id: string, delta: number): boolean {
  const at = findNode(flow, id);
  if (!at) return false;
  const size = listOf(getAt(flow, at.list)).length;
  return at.index + delta >= 0 && at.index + delta < size;
}

export function moveNode(flow: Flow, id: string, delta: number): Flow {
  const at = findNode(flow, id);
  if (!at || !canMove(flow, id, delta)) return flow;
  return updateAt(flow, at.list, (v) => {
    const steps = [...listOf(v)];
    const [node] = steps.splice(at.index, 1);
    steps.splice(at.index + delta, 0, node);
    return steps;
  });
}

/** Replace the node with id `id` (its id may change with it). */
export function replaceNode(flow: Flow, id: string, node: FlowNode): Flow {
  const at = findNode(flow, id);
  return at ? updateAt(flow, at.pointer, () => node) : flow;
}

/** A new branch at the end of a branch / parallel node's branches (before its default). */
export function addBranch(flow: Flow, nodeId: string, label?: Branch["label"]): Flow {
  const at = findNode(flow, nodeId);
  if (!at) return flow;
  const id = freshId(idsInUse(flow), `${nodeId}_b`);
  const branch: Branch = at.node.type === "branch" ? { id, when: null, steps: [] } : { id, steps: [] };
  if (label) branch.label = label;
  return updateAt(flow, `${at.pointer}/branches`, (v) => [...(Array.isArray(v) ? v : []), branch]);
}

export function removeBranch(flow: Flow, nodeId: string, index: number): Flow {
  const at = findNode(flow, nodeId);
  if (!at) return flow;
  return updateAt(flow, `${at.pointer}/branches`, (v) => (Array.isArray(v) ? v.filter((_, i) => i !== index) : v));
}

/** Change one branch (its label, condition) of a branch / parallel node. */
export function updateBranch(flow: Flow, nodeId: string, index: number, patch: Partial<Branch>): Flow {
  const at = findNode(flow, nodeId);
  if (!at) return flow;
  return updateAt(flow, `${at.pointer}/branches/${index}`, (v) => ({ ...(isObj(v) ? v : {}), ...patch }));
}

/** A new node of `type` with its schema's defaults and, for containers, empty blocks. */
export function newNode(flow: Flow, type: string, info?: NodeTypeInfo): FlowNode {
  const taken = idsInUse(flow);
  const node: FlowNode = { id: freshId(taken, type), type };
  taken.add(node.id);
  const props = (info?.config_schema?.properties ?? {}) as Record<string, { default?: unknown; type?: unknown }>;
  for (const [k, p] of Object.entries(props)) if (p && p.default !== undefined) node[k] = p.default;
  const branch = (withWhen: boolean) => {
    const id = freshId(taken, `${node.id}_b`);
    taken.add(id);
    return withWhen ? { id, when: null, steps: [] } : { id, steps: [] };
  };
  if (type === "branch" || (info?.container && "default" in props && "branches" in props)) {
    node.branches = [branch(true)];
    node.default = { steps: [] };
  } else if (type === "parallel" || (info?.container && "branches" in props)) {
    node.branches = [branch(false), branch(false)];
  } else if (type === "for_each" || (info?.container && "steps" in props)) {
    node.steps = [];
  }
  return node;
}

/** Whether `list` holds a terminal node (nothing may be added after it). */
export function endsAt(steps: FlowNode[], terminal: (type: string) => boolean): number {
  return steps.findIndex((n) => terminal(n.type));
}
