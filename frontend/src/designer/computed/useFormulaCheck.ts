/** The formula editor's live check: the expression is sent (debounced, last answer wins) with the
 * designer's current fields; the answer is the compiled result or the server's formula error. */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { FieldDef } from '../model/types';
import { formulaApi, type FormulaCheck } from './api';

export type CheckState =
  | { status: 'idle' }
  | { status: 'checking'; last?: FormulaCheck }
  | { status: 'ok'; result: FormulaCheck }
  | { status: 'error'; error: ApiError | Error; position?: number; length?: number };

export function useFormulaCheck(app: string, form: string, expression: string, fields: FieldDef[], field: string,
  delay = 400): CheckState {
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const seq = useRef(0);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const fieldsKey = JSON.stringify(fields.map((f) => [f.id, f.type, f.label, f.expression, f.via, f.field, f.deleted]));

  useEffect(() => {
    const mine = ++seq.current;
    if (!expression.trim()) {
      setState({ status: 'idle' });
      return undefined;
    }
    setState((s) => ({ status: 'checking', last: s.status === 'ok' ? s.result : s.status === 'checking' ? s.last : undefined }));
    const timer = setTimeout(() => {
      formulaApi.check(app, form, { expression, fields: fieldsRef.current, field }).then(
        (result) => { if (mine === seq.current) setState({ status: 'ok', result }); },
        (error: unknown) => {
          if (mine !== seq.current) return;
          const err = error instanceof Error ? error : new Error(String(error));
          const details = err instanceof ApiError ? err.details ?? {} : {};
          setState({ status: 'error', error: err, position: details.position as number | undefined,
            length: details.length as number | undefined });
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [app, form, expression, fieldsKey, field, delay]);
  return state;
}
