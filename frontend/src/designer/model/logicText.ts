/** A condition (JsonLogic) in words, for the property panel: "客户类型 等于 机构 并且 权益 大于 100". */

export interface LogicWords {
  /** Operator words keyed as the condition builder's operators (equal, less, select_any_in, ...). */
  ops: Record<string, string>;
  and: string;
  or: string;
  not: string;
  /** A field's label by id. */
  field: (id: string) => string;
  /** A value's label for field `id` (an option label for selects). */
  value: (id: string, value: unknown) => string;
  /** Whether field `id` is a choice (select): "is" reads better than "equals" there. */
  choice?: (id: string) => boolean;
}

type Rule = Record<string, unknown>;

const CMP: Record<string, string> = {
  '==': 'equal', '===': 'equal', '!=': 'not_equal', '!==': 'not_equal',
  '<': 'less', '<=': 'less_or_equal', '>': 'greater', '>=': 'greater_or_equal',
  starts_with: 'starts_with', ends_with: 'ends_with',
};

function opOf(rule: unknown): [string, unknown[]] | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const args = (rule as Rule)[keys[0]];
  return [keys[0], Array.isArray(args) ? args : [args]];
}

function varName(node: unknown): string | null {
  const op = opOf(node);
  if (!op || op[0] !== 'var') return null;
  return typeof op[1][0] === 'string' ? op[1][0] : null;
}

/** `logic` in words, or null when it is no condition. */
export function describeLogic(logic: unknown, w: LogicWords, nested = false): string | null {
  if (logic === null || logic === undefined) return null;
  if (typeof logic === 'boolean') return String(logic);
  const op = opOf(logic);
  if (!op) return JSON.stringify(logic);
  const [name, args] = op;
  const val = (id: string, v: unknown) => (Array.isArray(v) ? v.map((x) => w.value(id, x)).join('、') : w.value(id, v));

  if (name === 'and' || name === 'or') {
    const parts = args.map((a) => describeLogic(a, w, true) ?? '');
    const text = parts.join(` ${name === 'and' ? w.and : w.or} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  if (name === '!' || name === '!!') {
    const field = varName(args[0]);
    if (field) return `${w.field(field)} ${w.ops[name === '!' ? 'is_empty' : 'is_not_empty']}`;
    if (name === '!') return `${w.not}(${describeLogic(args[0], w) ?? ''})`;
  }
  if (CMP[name] && args.length === 2) {
    const field = varName(args[0]);
    if (field) {
      if (args[1] === null) return `${w.field(field)} ${w.ops[name.startsWith('!') ? 'is_not_null' : 'is_null']}`;
      let op = CMP[name];
      if (w.choice?.(field) && (op === 'equal' || op === 'not_equal')) op = `select_${op}s`;
      return `${w.field(field)} ${w.ops[op] ?? w.ops[CMP[name]]} ${val(field, args[1])}`;
    }
  }
  if ((name === '<=' || name === '<') && args.length === 3) {
    const field = varName(args[1]);
    if (field) return `${w.field(field)} ${w.ops.between} ${val(field, args[0])} ~ ${val(field, args[2])}`;
  }
  if (name === 'in' && args.length === 2) {
    const left = varName(args[0]);
    if (left && Array.isArray(args[1])) return `${w.field(left)} ${w.ops.select_any_in} ${val(left, args[1])}`;
    const right = varName(args[1]);
    if (right) return `${w.field(right)} ${w.ops.like} ${String(args[0])}`;
  }
  if (name === 'some' && args.length === 2) {
    const field = varName(args[0]);
    const inner = opOf(args[1]);
    if (field && inner && inner[0] === 'in' && Array.isArray(inner[1][1])) {
      return `${w.field(field)} ${w.ops.multiselect_contains} ${val(field, inner[1][1])}`;
    }
  }
  return JSON.stringify(logic);
}
