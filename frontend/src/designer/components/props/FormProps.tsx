/** The form's own settings: names, description, title field; its id and table name under 高级. */
import { useState } from 'react';
import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { traitsOf } from '../../../api/fieldTypes';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import AdvancedSection from './AdvancedSection';
import BilingualInput from './BilingualInput';

/** A field may be the title when its values are short, plain and sortable (its type's traits). */
function titleCandidate(type: string): boolean {
  const t = traitsOf(type);
  const kind = t.sql_kind;
  return t.sortable && !t.wide && !t.references && (kind === 'text' || kind === 'number' || kind === 'date');
}

export default function FormProps() {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { app, state, dispatch } = useDesigner();
  const [advanced, setAdvanced] = useState(false);
  const def = state.def;
  const candidates = def.fields.filter((f) => !f.deleted && titleCandidate(f.type));
  return (
    <Form layout="vertical" size="small" data-testid="form-props">
      <Typography.Title level={5}>{t('toolbar.settings')}</Typography.Title>
      <BilingualInput
        value={def.label}
        onChange={(label) => dispatch({ type: 'updateForm', patch: { label: label ?? { zh: '' } } })}
        zhLabel={t('form.labelZh')}
        enLabel={t('form.labelEn')}
        testId="form-label"
        required
      />
      <BilingualInput
        value={def.description}
        onChange={(description) => dispatch({ type: 'updateForm', patch: { description } })}
        zhLabel={t('form.descriptionZh')}
        enLabel={t('form.descriptionEn')}
        multiline
      />
      <Form.Item label={t('form.titleField')} extra={t('form.titleFieldHelp')}>
        <Select
          allowClear
          value={def.title_field}
          onChange={(title_field?: string) => dispatch({ type: 'updateForm', patch: { title_field } })}
          options={candidates.map((f) => ({ value: f.id, label: `${tx(f.label, f.id)} (${f.id})` }))}
          data-testid="form-title-field"
        />
      </Form.Item>
      <AdvancedSection open={advanced} onToggle={setAdvanced} testId="form-advanced">
        <Form.Item label={t('words.formId')} extra={t('words.formIdHelp')} style={{ marginBottom: 12 }}>
          <Input value={def.id} disabled data-testid="form-id" />
        </Form.Item>
        {/* platform/trellis/forms/model.py: FormModel.table_name */}
        <Form.Item label={t('words.tableName')} extra={t('words.tableNameHelp')} style={{ marginBottom: 12 }}>
          <Input value={`${app}__${def.id}`} disabled data-testid="form-table" />
        </Form.Item>
      </AdvancedSection>
    </Form>
  );
}
