/** The formula endpoints the designer calls: the function catalogue (loaded once) and the live check. */
import { request } from '../../api/client';
import type { FieldDef, JsonLogic } from '../model/types';
import type { FormulaFunction } from '../model/formulaText';

export interface FormulaCheck {
  logic: JsonLogic;
  type: string;
  refs: string[];
  volatile: boolean;
  value: unknown;
  record: { id: number; title?: string | null } | null;
}

export interface FormulaCheckBody {
  expression: string;
  fields?: FieldDef[];
  field?: string;
  record?: number;
}

let functions: Promise<FormulaFunction[]> | null = null;

export const formulaApi = {
  functions(): Promise<FormulaFunction[]> {
    if (!functions) {
      functions = request<{ functions: FormulaFunction[] }>('GET', '/formula/functions').then((r) => r.functions ?? []);
      functions.catch(() => { functions = null; });
    }
    return functions;
  },
  check: (app: string, form: string, body: FormulaCheckBody) =>
    request<FormulaCheck>('POST', `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/formula`, { body }),
};
