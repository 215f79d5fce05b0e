/** Problems the server reports (422 `errors[]`, publish `problems[]`), placed on fields and sections. */
import type { ApiProblem } from './types';

export interface Problem {
  pointer: string;
  code?: string;
  message: { zh?: string; en?: string };
  /** The field the pointer names (by index into the fields sent, or by id). */
  fieldId?: string;
  /** The key of that field the pointer goes on to name ("options", "target", ...). */
  key?: string;
  /** The layout section the pointer names. */
  section?: number;
}

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `message` without a leading "<pointer>:" (the designer names the field itself). */
function bare(text: string | undefined, pointer: string): string | undefined {
  if (!text || !pointer) return text;
  for (const sep of [': ', ':', ':']) {
    if (text.startsWith(pointer + sep)) return text.slice(pointer.length + sep.length).trim();
  }
  return text;
}

/** Where each problem points; `sentIds` are the ids of the fields in the body sent, in order. */
export function locateProblems(problems: ApiProblem[], sentIds: string[]): Problem[] {
  return problems.map((p) => {
    const pointer = p.pointer ?? '';
    const raw = typeof p.message === 'string' ? { zh: p.message, en: p.message } : (p.message ?? {});
    const out: Problem = {
      pointer,
      code: p.code,
      message: { zh: bare(raw.zh, pointer), en: bare(raw.en, pointer) },
    };
    const [head, second, third] = segments(pointer);
    if (head === 'fields' && second !== undefined) {
      if (/^\d+$/.test(second) && Number(second) < sentIds.length) out.fieldId = sentIds[Number(second)];
      else if (!/^\d+$/.test(second)) out.fieldId = second;
      if (third !== undefined) out.key = third;
    } else if (head === 'layout' && second !== undefined && /^\d+$/.test(second)) {
      out.section = Number(second);
    }
    if (!out.fieldId && p.field && sentIds.includes(p.field)) out.fieldId = p.field;
    return out;
  });
}

/** Problems grouped by the field they name. */
export function problemsByField(problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.fieldId) continue;
    out.set(p.fieldId, [...(out.get(p.fieldId) ?? []), p]);
  }
  return out;
}
