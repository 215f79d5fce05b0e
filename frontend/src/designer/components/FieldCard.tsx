/** A placed field on the canvas: select it, drag it to reorder or move it, delete it. */
import { Button, Popconfirm, Tag, Tooltip } from 'antd';
import { BranchesOutlined, DeleteOutlined, ExclamationCircleFilled, HolderOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { useDropHint } from '../hooks/dropHint';
import { fieldDnd } from '../model/dnd';
import { ruleVars } from '../model/logicVars';
import { CONDITION_KEYS } from '../model/types';
import type { FieldDef } from '../model/types';
import TypeIcon from './TypeIcon';

export default function FieldCard({ field, section, columns }: { field: FieldDef; section: number; columns: number }) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch, typeOf, problems } = useDesigner();
  const hint = useDropHint();
  const dndId = fieldDnd(field.id);
  const { setNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({
    id: dndId,
    data: { kind: 'field', section, columns },
  });
  const selected = state.selected === field.id;
  const mine = problems.get(field.id) ?? [];
  const conditional = CONDITION_KEYS.some((k) => field[k] != null && field[k] !== false);
  const published = state.published.includes(field.id);
  const name = tx(field.label, field.id);
  const readers = state.def.fields.filter(
    (f) => f.id !== field.id && !f.deleted && CONDITION_KEYS.some((k) => ruleVars(f[k]).includes(field.id)),
  );
  const mark = hint?.kind === 'field' && hint.id === field.id ? hint : null;
  // in a grid "after" is the next cell: the line stands at the card's side
  const line = mark ? `${mark.after ? ' td-drop-after' : ' td-drop-before'}${columns > 1 ? ' td-drop-side' : ''}` : '';
  const classes = `td-field${selected ? ' td-selected' : ''}${mine.length ? ' td-invalid' : ''}${isDragging ? ' td-dragging' : ''}${line}`;

  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={classes}
      data-testid={`field-${field.id}`}
      onClick={(e) => {
        e.stopPropagation();
        dispatch({ type: 'select', id: field.id });
      }}
      {...attributes}
      {...listeners}
    >
      <span className="td-field-grip" title={t('field.dragHandle')}>
        <HolderOutlined />
      </span>
      <span className="td-field-icon">
        <TypeIcon type={field.type} />
      </span>
      <div className="td-field-main">
        <div className="td-field-label">
          {field.required && <span className="td-required">*</span>}
          {name}
        </div>
        <div className="td-field-meta">
          {field.id} · {tx(typeOf(field.type)?.label, field.type)}
        </div>
      </div>
      <div className="td-field-tags">
        {field.unique && <Tag color="purple">{t('field.unique')}</Tag>}
        {field.indexed && !field.unique && <Tag>{t('field.indexed')}</Tag>}
        {conditional && (
          <Tooltip title={t('field.conditional')}>
            <BranchesOutlined className="td-cond-icon" />
          </Tooltip>
        )}
        {mine.length > 0 && (
          <Tooltip title={mine.map((p) => tx(p.message)).join('\n')}>
            <ExclamationCircleFilled className="td-problem-icon" />
          </Tooltip>
        )}
      </div>
      <Popconfirm
        title={t('field.removeConfirm', { name })}
        description={
          published || readers.length ? (
            <div style={{ maxWidth: 280 }}>
              {published && <div>{t('field.removePublished')}</div>}
              {readers.length > 0 && (
                <div className="td-warn">{t('field.usedInConditions', { names: readers.map((f) => tx(f.label, f.id)).join('、') })}</div>
              )}
            </div>
          ) : undefined
        }
        onConfirm={() => dispatch({ type: 'removeField', id: field.id })}
        onPopupClick={(e) => e.stopPropagation()}
      >
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('field.remove')}
          data-testid={`remove-${field.id}`}
          className="td-field-remove"
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
        />
      </Popconfirm>
    </div>
  );
}
