/**
 * A rollup field's editor: the source (a form with a relation to this form, and that relation
 * field), the aggregate, the field aggregated (those whose traits allow the aggregate), an
 * optional filter over the source form's fields (the shared condition builder) and an optional
 * window (a date field of the source and a number of days).
 */
import { Button, Form, InputNumber, Select, Space, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTraits } from '../../../api/fieldTypes';
import { useLang } from '../../../i18n/text';
import { COMPUTED_NS } from '../../computed/i18n';
import { useFormFields, useIncomingRelations } from '../../computed/useFormFields';
import { useDesigner } from '../../hooks/designerContext';
import { AGGREGATES, aggregatable } from '../../model/rollup';
import type { FieldDef, JsonLogic } from '../../model/types';

const ConditionBuilder = lazy(() => import('../../conditions/ConditionBuilder'));

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

interface Window { field?: string; days?: number }

export default function RollupProps({ field, patch }: Props) {
  const { t } = useTranslation(COMPUTED_NS);
  const { tx } = useLang();
  const { app, state, forms } = useDesigner();
  const incoming = useIncomingRelations(app, state.def.id, forms);
  const source = typeof field.source === 'string' ? field.source : undefined;
  const [sourceForm] = (source ?? '').split('.');
  const sourceFields = useFormFields(app, sourceForm || undefined);
  const aggregate = typeof field.aggregate === 'string' ? field.aggregate : 'count';
  const candidates = sourceFields.filter((f) => aggregatable(f, aggregate));
  const dateFields = sourceFields.filter((f) => { const kind = fieldTraits(f).sql_kind; return kind === 'date' || kind === 'datetime'; });
  const window = (field.window ?? undefined) as Window | undefined;
  const filter = field.filter as JsonLogic | undefined;
  const [filtering, setFiltering] = useState(filter != null);

  return (
    <>
      <Form.Item label={t('rollup.source')} required extra={incoming?.length ? t('rollup.sourceHelp') : undefined}
        validateStatus={incoming && !incoming.length ? 'warning' : undefined}
        help={incoming && !incoming.length ? t('rollup.sourceNone') : undefined} style={{ marginBottom: 12 }}>
        <Select
          loading={incoming === null}
          value={source}
          onChange={(value: string) => { setFiltering(false); patch({ source: value, aggregate, field: undefined, filter: undefined, window: undefined }); }}
          options={(incoming ?? []).map((r) => ({
            value: `${r.form}.${r.field}`,
            label: `${tx(r.form_label, r.form)} · ${tx(r.label, r.field)}`,
          }))}
          data-testid="rollup-source"
        />
      </Form.Item>
      <Form.Item label={t('rollup.aggregate')} required style={{ marginBottom: 12 }}>
        <Select
          value={aggregate}
          onChange={(value: string) => {
            const keep = sourceFields.find((f) => f.id === field.field);
            patch({ aggregate: value, field: keep && aggregatable(keep, value) ? keep.id : undefined });
          }}
          options={AGGREGATES.map((a) => ({ value: a, label: t(`rollup.aggregates.${a}`) }))}
          data-testid="rollup-aggregate"
        />
      </Form.Item>
      <Form.Item label={t('rollup.field')} required={aggregate !== 'count'} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!source}
          value={typeof field.field === 'string' ? field.field : undefined}
          onChange={(value: string | undefined) => patch({ field: value })}
          options={candidates.map((f) => ({ value: f.id, label: `${tx(f.label, f.id)} (${f.id})` }))}
          data-testid="rollup-field"
        />
      </Form.Item>
      <Form.Item label={t('rollup.filter')} style={{ marginBottom: 12 }}>
        {!filtering ? (
          <Button size="small" disabled={!source} onClick={() => setFiltering(true)} data-testid="rollup-add-filter">
            {t('rollup.addFilter')}
          </Button>
        ) : (
          <>
            <Suspense fallback={<Spin><div style={{ height: 60 }} /></Spin>}>
              <ConditionBuilder key={sourceForm} fields={sourceFields} self="" value={filter ?? undefined}
                onChange={(logic) => patch({ filter: logic ?? undefined })} />
            </Suspense>
            <Button size="small" type="link" onClick={() => { setFiltering(false); patch({ filter: undefined }); }}>{t('rollup.removeFilter')}</Button>
          </>
        )}
      </Form.Item>
      <Form.Item label={t('rollup.window')} style={{ marginBottom: 12 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Select
            allowClear
            disabled={!source}
            placeholder={t('rollup.windowField')}
            value={window?.field}
            style={{ width: '60%' }}
            onChange={(value: string | undefined) => patch({ window: value ? { field: value, days: window?.days ?? 90 } : undefined })}
            options={dateFields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
            data-testid="rollup-window-field"
          />
          <InputNumber
            min={1}
            precision={0}
            disabled={!window?.field}
            value={window?.days}
            placeholder={t('rollup.windowDays')}
            suffix={t('rollup.days')}
            style={{ width: '40%' }}
            onChange={(days) => window?.field && patch({ window: { field: window.field, days: days ?? 90 } })}
            data-testid="rollup-window-days"
          />
        </Space.Compact>
      </Form.Item>
    </>
  );
}
