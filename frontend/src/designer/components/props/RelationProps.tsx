/** A relation's target form (one of the app's forms), the field shown for a related record, and on-delete. */
import { useEffect, useState } from 'react';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { designerApi } from '../../api';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import type { FieldDef } from '../../model/types';

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

/** The live fields of form `target`: the draft itself, else the published definition, else the draft. */
function useTargetFields(app: string, target: string | undefined, self: string, own: FieldDef[]) {
  const [fields, setFields] = useState<FieldDef[]>([]);
  const remote = target && target !== self ? target : undefined;
  useEffect(() => {
    let live = true;
    if (!remote) {
      setFields([]);
      return;
    }
    designerApi
      .published(app, remote)
      .catch(() => designerApi.definition(app, remote))
      .then((def) => live && setFields(def.fields ?? []))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, [app, remote]);
  return (target === self ? own : fields).filter((f) => !f.deleted && f.type !== 'sub_table');
}

export default function RelationProps({ field, patch }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { app, forms, state } = useDesigner();
  const target = typeof field.target === 'string' ? field.target : undefined;
  const fields = useTargetFields(app, target, state.def.id, state.def.fields);
  const known = forms.some((f) => f.id === state.def.id);
  const choices = known ? forms : [...forms, { id: state.def.id, label: state.def.label }];

  return (
    <>
      <Form.Item
        label={t('props.target')}
        required
        validateStatus={target ? undefined : 'warning'}
        help={target ? undefined : t('props.targetRequired')}
        style={{ marginBottom: 12 }}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={target}
          placeholder={t('props.targetPlaceholder')}
          onChange={(value: string) => patch({ target: value, display_field: undefined })}
          options={choices.map((f) => ({ value: f.id, label: `${tx(f.label, f.id)} (${f.id})` }))}
          data-testid="prop-target"
        />
      </Form.Item>
      <Form.Item label={t('props.displayField')} extra={t('props.displayFieldHelp')} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          disabled={!target}
          value={typeof field.display_field === 'string' ? field.display_field : undefined}
          onChange={(value: string | undefined) => patch({ display_field: value })}
          options={fields.map((f) => ({ value: f.id, label: `${tx(f.label, f.id)} (${f.id})` }))}
          data-testid="prop-display-field"
        />
      </Form.Item>
      <Form.Item label={t('props.onDelete')} style={{ marginBottom: 12 }}>
        <Select
          value={typeof field.on_delete === 'string' ? field.on_delete : 'restrict'}
          onChange={(value: string) => patch({ on_delete: value === 'restrict' ? undefined : value })}
          options={['restrict', 'set_null', 'cascade'].map((v) => ({ value: v, label: t(`props.onDeleteValues.${v}`) }))}
        />
      </Form.Item>
    </>
  );
}
