/** While dragging: the field the drag is over and on which side a drop would land. */
import { createContext, useContext } from 'react';

export interface DropHint {
  /** The droppable id under the drag (see model/dnd.ts). */
  over: string;
  after: boolean;
}

export const DropHintContext = createContext<DropHint | null>(null);

export function useDropHint(): DropHint | null {
  return useContext(DropHintContext);
}
