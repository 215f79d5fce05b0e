/** One field type in the palette: drag it onto the canvas, or click to add it to the current section. */
import { useDraggable } from '@dnd-kit/core';
import { useLang } from '../../i18n/text';
import { paletteDnd } from '../model/dnd';
import type { FieldTypeInfo } from '../model/types';
import TypeIcon from './TypeIcon';

export default function PaletteItem({ type, onAdd }: { type: FieldTypeInfo; onAdd: () => void }) {
  const { tx } = useLang();
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: paletteDnd(type.key),
    data: { kind: 'palette', key: type.key },
  });
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      role="button"
      className={`td-palette-item${isDragging ? ' td-dragging' : ''}`}
      data-testid={`palette-${type.key}`}
      title={type.key}
      onClick={onAdd}
    >
      <span className="td-palette-icon">
        <TypeIcon type={type.key} />
      </span>
      <span className="td-palette-label">{tx(type.label, type.key)}</span>
    </div>
  );
}
