/** What every part of the designer reads: the state, its dispatch, field types, the app's forms, problems. */
import { createContext, useContext } from 'react';
import type { Dispatch } from 'react';
import type { DesignerAction, DesignerState } from '../model/reducer';
import type { Problem } from '../model/problems';
import type { FieldTypeInfo, FormSummary } from '../model/types';

export interface DesignerContextValue {
  app: string;
  state: DesignerState;
  dispatch: Dispatch<DesignerAction>;
  types: FieldTypeInfo[];
  typeOf: (key: string) => FieldTypeInfo | undefined;
  forms: FormSummary[];
  problems: Map<string, Problem[]>;
  /** The section new fields go to when a palette item is clicked. */
  currentSection: number;
  /** Load the draft and the published version again (after something published the form). */
  reload?: () => Promise<void>;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error('useDesigner outside the designer');
  return value;
}
