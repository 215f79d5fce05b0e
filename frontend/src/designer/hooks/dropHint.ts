/** While dragging: where the drop indicator shows (a line before or after a field, or ending a section). */
import { createContext, useContext } from 'react';
import type { DropLine } from '../model/dnd';

export const DropHintContext = createContext<DropLine | null>(null);

export function useDropHint(): DropLine | null {
  return useContext(DropHintContext);
}
