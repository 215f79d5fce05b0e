/** A lookup field's editor: the relation field of this form it goes through, then the field of
 * the related form whose value it shows. */
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { traitsOf } from '../../../api/fieldTypes';
import { useLang } from '../../../i18n/text';
import { COMPUTED_NS } from '../../computed/i18n';
import { useFormFields } from '../../computed/useFormFields';
import { useDesigner } from '../../hooks/designerContext';
import type { FieldDef } from '../../model/types';

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

export default function LookupProps({ field, patch }: Props) {
  const { t } = useTranslation(COMPUTED_NS);
  const { tx } = useLang();
  const { app, state } = useDesigner();
  const relations = state.def.fields.filter((f) => !f.deleted && traitsOf(f.type).references === 'form' && f.target);
  const via = relations.find((f) => f.id === field.via);
  const own = via?.target === state.def.id ? state.def.fields : undefined;
  const remote = useFormFields(app, via && !own ? via.target : undefined);
  const targetFields = (own ?? remote).filter((f) => !f.deleted && !traitsOf(f.type).wide);

  return (
    <>
      <Form.Item label={t('lookup.via')} required extra={relations.length ? t('lookup.viaHelp') : undefined}
        validateStatus={relations.length ? undefined : 'warning'} help={relations.length ? undefined : t('lookup.viaNone')}
        style={{ marginBottom: 12 }}>
        <Select
          value={via?.id}
          onChange={(id: string) => patch({ via: id, field: undefined })}
          options={relations.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
          data-testid="lookup-via"
        />
      </Form.Item>
      <Form.Item label={t('lookup.field')} required style={{ marginBottom: 12 }}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!via}
          value={typeof field.field === 'string' ? field.field : undefined}
          onChange={(id: string) => patch({ field: id })}
          options={targetFields.map((f) => ({ value: f.id, label: `${tx(f.label, f.id)} (${f.id})` }))}
          data-testid="lookup-field"
        />
      </Form.Item>
    </>
  );
}
