/** A layout section on the canvas: its header and its fields in 1-4 columns, a drop target (a line at its end when a drop would end it). */
import { useDroppable } from '@dnd-kit/core';
import { SortableContext } from '@dnd-kit/sortable';
import type { SortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { useDropHint } from '../hooks/dropHint';
import { fieldDnd, sectionDnd } from '../model/dnd';
import type { FieldDef } from '../model/types';
import FieldCard from './FieldCard';
import SectionHeader from './SectionHeader';

/** Fields stay in place while dragging: the drop line shows where the field will land. */
const inPlace: SortingStrategy = () => null;

export default function SectionBlock({ index }: { index: number }) {
  const { t } = useTranslation(NS);
  const { state } = useDesigner();
  const hint = useDropHint();
  const section = state.def.layout![index];
  const id = sectionDnd(index);
  const columns = section.columns ?? 1;
  const { setNodeRef } = useDroppable({ id, data: { kind: 'section', section: index, columns } });
  const byId = new Map(state.def.fields.map((f) => [f.id, f]));
  const fields = section.fields.map((f) => byId.get(f)).filter((f): f is FieldDef => Boolean(f));
  const ending = hint?.kind === 'end' && hint.section === index;

  return (
    <section ref={setNodeRef} className={`td-section${ending ? ' td-section-over' : ''}`} data-testid={`section-${index}`}>
      <SectionHeader index={index} />
      <div
        className="td-section-body"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      >
        <SortableContext items={fields.map((f) => fieldDnd(f.id))} strategy={inPlace}>
          {fields.map((f) => (
            <FieldCard key={f.id} field={f} section={index} columns={columns} />
          ))}
        </SortableContext>
        {ending && <div className="td-drop-end" data-testid="drop-line" />}
        {fields.length === 0 && (
          <div className="td-section-empty" style={{ gridColumn: `1 / span ${columns}` }}>
            {t('canvas.empty')}
          </div>
        )}
      </div>
    </section>
  );
}
