/** The gap below a section: a drop target that ends that section (model/dnd.ts `gapDnd`). */
import { useDroppable } from '@dnd-kit/core';
import { useDropHint } from '../hooks/dropHint';
import { gapDnd } from '../model/dnd';

export default function SectionGap({ index }: { index: number }) {
  const hint = useDropHint();
  const { setNodeRef, isOver } = useDroppable({ id: gapDnd(index), data: { kind: 'gap', section: index } });
  const lit = isOver && hint?.kind === 'end' && hint.section === index;
  return <div ref={setNodeRef} className={`td-section-gap${lit ? ' td-section-gap-over' : ''}`} data-testid={`section-gap-${index}`} />;
}
