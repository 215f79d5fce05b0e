/**
 * A formula field's editor: the expression in a code-style box (the caret kept where the user
 * left it), a field picker (inserts the field's label, bracketed when needed) and a function
 * picker (inserts `NAME(`), checked live against the server with the designer's unsaved fields:
 * the error underlined at its position with its message, or the result type and the value on a
 * sample record; and whether the computed column is indexed.
 */
import { CheckCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Form, Select, Space, Switch, Typography } from 'antd';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client';
import { useLang } from '../../../i18n/text';
import { computedText } from '../../../registries/format';
import { COMPUTED_NS } from '../../computed/i18n';
import { useFormulaCheck } from '../../computed/useFormulaCheck';
import { useDesigner } from '../../hooks/designerContext';
import { errorSpan, insertField, insertFunction, lineColumn, type Edit } from '../../model/formulaText';
import type { FieldDef } from '../../model/types';
import FunctionPicker from './FunctionPicker';
import '../../computed/computed.css';

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

export default function FormulaProps({ field, patch }: Props) {
  const { t } = useTranslation(COMPUTED_NS);
  const { tx, lang } = useLang();
  const { app, state } = useDesigner();
  const expression = typeof field.expression === 'string' ? field.expression : '';
  const box = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const selection = useRef({ start: expression.length, end: expression.length });
  const [caretTo, setCaretTo] = useState<number | null>(null);
  const check = useFormulaCheck(app, state.def.id, expression, state.def.fields, field.id);
  const others = state.def.fields.filter((f) => !f.deleted && f.id !== field.id);

  useLayoutEffect(() => {
    if (caretTo === null || !box.current) return;
    box.current.focus();
    box.current.setSelectionRange(caretTo, caretTo);
    selection.current = { start: caretTo, end: caretTo };
    setCaretTo(null);
  }, [caretTo]);

  const remember = () => {
    const el = box.current;
    if (el) selection.current = { start: el.selectionStart, end: el.selectionEnd };
  };
  const apply = (edit: Edit) => {
    patch({ expression: edit.text || undefined });
    setCaretTo(edit.caret);
  };
  const syncScroll = () => {
    if (mirror.current && box.current) mirror.current.scrollTop = box.current.scrollTop;
  };

  const span = check.status === 'error' ? errorSpan(expression, check.position, check.length) : null;
  const where = span ? lineColumn(expression, span.start) : null;

  return (
    <div className="td-formula" data-testid="formula-editor">
      <Form.Item label={t('formula.expression')} required extra={t('formula.help')} style={{ marginBottom: 8 }}>
        <Space size={4} wrap style={{ marginBottom: 6 }}>
          <Select
            size="small"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('formula.insertField')}
            value={null}
            style={{ minWidth: 140 }}
            popupMatchSelectWidth={false}
            onChange={(id: string) => {
              const f = others.find((x) => x.id === id);
              if (f) apply(insertField(expression, selection.current.start, selection.current.end, tx(f.label, f.id)));
            }}
            options={others.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
            data-testid="formula-insert-field"
          />
          <FunctionPicker onPick={(fn) => apply(insertFunction(expression, selection.current.start, selection.current.end, fn.name))} />
        </Space>
        <div className={`td-formula-box${check.status === 'error' ? ' has-error' : ''}`}>
          <div ref={mirror} className="td-formula-mirror" aria-hidden>
            {span ? (
              <>
                {expression.slice(0, span.start)}
                <mark className="td-formula-bad">{expression.slice(span.start, span.end) || ' '}</mark>
                {expression.slice(span.end)}
              </>
            ) : expression}
            {'\n'}
          </div>
          <textarea
            ref={box}
            className="td-formula-input"
            value={expression}
            rows={3}
            spellCheck={false}
            placeholder={t('formula.placeholder')}
            onChange={(e) => {
              selection.current = { start: e.target.selectionStart, end: e.target.selectionEnd };
              patch({ expression: e.target.value || undefined });
            }}
            onSelect={remember}
            onKeyUp={remember}
            onClick={remember}
            onScroll={syncScroll}
            data-testid="formula-expression"
          />
        </div>
      </Form.Item>
      <div className="td-formula-status" data-testid="formula-status" data-status={check.status} aria-live="polite">
        {check.status === 'idle' && <Typography.Text type="secondary">{t('formula.empty')}</Typography.Text>}
        {check.status === 'checking' && <Typography.Text type="secondary"><LoadingOutlined /> {t('formula.checking')}</Typography.Text>}
        {check.status === 'error' && (
          <Typography.Text type="danger" data-testid="formula-error">
            <WarningOutlined /> {errorText(check.error, lang)}
            {where && <span className="td-formula-where"> · {t('formula.at', where)}</span>}
          </Typography.Text>
        )}
        {check.status === 'ok' && (
          <div data-testid="formula-result">
            <Typography.Text type="success"><CheckCircleOutlined /> {t('formula.ok')}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{t('formula.type')}: </Typography.Text>
              <span data-testid="formula-type">{t(`formula.types.${check.result.type}`, { defaultValue: check.result.type })}</span>
            </div>
            {check.result.record ? (
              <div>
                <Typography.Text type="secondary">
                  {t('formula.sample', { title: check.result.record.title || `#${check.result.record.id}` })}:{' '}
                </Typography.Text>
                <strong data-testid="formula-sample">
                  {computedText({ id: field.id, type: field.type, value_type: check.result.type }, check.result.value, lang) || '—'}
                </strong>
              </div>
            ) : <Typography.Text type="secondary">{t('formula.sampleNone')}</Typography.Text>}
            {check.result.volatile && <div><Typography.Text type="warning">{t('formula.volatile')}</Typography.Text></div>}
          </div>
        )}
      </div>
      <Form.Item label={t('formula.indexed')} style={{ marginBottom: 12 }}>
        <Switch size="small" checked={field.indexed === true} onChange={(on) => patch({ indexed: on || undefined })}
          data-testid="formula-indexed" />
      </Form.Item>
    </div>
  );
}
