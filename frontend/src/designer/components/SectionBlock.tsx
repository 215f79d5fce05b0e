/** A layout section on the canvas: its header and its fields in 1-4 columns, a drop target. */
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, rectSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { useDropHint } from '../hooks/dropHint';
import { fieldDnd, sectionDnd } from '../model/dnd';
import type { FieldDef } from '../model/types';
import FieldCard from './FieldCard';
import SectionHeader from './SectionHeader';

export default function SectionBlock({ index }: { index: number }) {
  const { t } = useTranslation(NS);
  const { state } = useDesigner();
  const hint = useDropHint();
  const section = state.def.layout![index];
  const id = sectionDnd(index);
  const { setNodeRef } = useDroppable({ id, data: { kind: 'section', section: index } });
  const byId = new Map(state.def.fields.map((f) => [f.id, f]));
  const fields = section.fields.map((f) => byId.get(f)).filter((f): f is FieldDef => Boolean(f));
  const columns = section.columns ?? 1;
  const over = hint?.over === id;

  return (
    <section className={`td-section${over ? ' td-section-over' : ''}`} data-testid={`section-${index}`}>
      <SectionHeader index={index} />
      <div
        ref={setNodeRef}
        className="td-section-body"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      >
        <SortableContext items={fields.map((f) => fieldDnd(f.id))} strategy={rectSortingStrategy}>
          {fields.map((f) => (
            <FieldCard key={f.id} field={f} section={index} />
          ))}
        </SortableContext>
        {fields.length === 0 && (
          <div className="td-section-empty" style={{ gridColumn: `1 / span ${columns}` }}>
            {t('canvas.empty')}
          </div>
        )}
      </div>
    </section>
  );
}
