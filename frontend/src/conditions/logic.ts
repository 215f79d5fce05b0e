/** Converting between JsonLogic (what definitions store) and the query builder's tree. */
import { Utils } from '@react-awesome-query-builder/antd';
import type { Config, ImmutableTree, JsonLogicTree } from '@react-awesome-query-builder/antd';
import type { JsonLogic } from '../api/types';

export function emptyTree(config: Config): ImmutableTree {
  return Utils.Validation.sanitizeTree(Utils.loadTree({ id: Utils.uuid(), type: 'group' }), config).fixedTree;
}

/** The tree for `logic`; `errors` lists what could not be read (then the tree may be partial). */
export function treeFromLogic(logic: JsonLogic | undefined, config: Config): { tree: ImmutableTree; errors: string[] } {
  if (logic == null || typeof logic === 'boolean') return { tree: emptyTree(config), errors: [] };
  const [tree, errors] = Utils._loadFromJsonLogic(logic as JsonLogicTree, config);
  return { tree: tree ?? emptyTree(config), errors: errors ?? [] };
}

/** An `and` / `or` of one condition is that condition. */
export function simplify(logic: unknown): unknown {
  if (Array.isArray(logic)) return logic.map(simplify);
  if (typeof logic !== 'object' || logic === null) return logic;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return logic;
  const op = keys[0];
  const args = (logic as Record<string, unknown>)[op];
  if ((op === 'and' || op === 'or') && Array.isArray(args) && args.length === 1) return simplify(args[0]);
  if (op === 'var') return logic;
  return { [op]: simplify(args) };
}

/** The JsonLogic of `tree`, or null when it holds no complete condition. */
export function logicFromTree(tree: ImmutableTree, config: Config): JsonLogic {
  const { logic } = Utils.jsonLogicFormat(tree, config);
  if (logic === undefined || logic === null) return null;
  return simplify(logic) as JsonLogic;
}
