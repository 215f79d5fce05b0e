/** The child fields of a sub-table: id, type (any but sub-table), labels, required. */
import { Button, Checkbox, Input, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { newField } from '../../model/defaults';
import { fieldIdProblem, freshId } from '../../model/ids';
import type { FieldDef } from '../../model/types';

interface Props {
  value: FieldDef[];
  onChange: (fields: FieldDef[]) => void;
}

export default function SubFieldsEditor({ value, onChange }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { types, typeOf } = useDesigner();
  const choices = types.filter((ty) => ty.key !== 'sub_table');
  const set = (i: number, next: FieldDef) => onChange(value.map((f, j) => (j === i ? next : f)));
  const add = () => {
    const text = typeOf('text') ?? choices[0];
    if (text) onChange([...value, newField(text, freshId(text.key, value.map((f) => f.id)))]);
  };
  const retype = (i: number, key: string) => {
    const type = typeOf(key);
    if (!type) return;
    const f = value[i];
    set(i, { ...newField(type, f.id), label: f.label, ...(f.required ? { required: true } : {}) });
  };

  return (
    <div className="td-subfields" data-testid="subfields-editor">
      {value.map((f, i) => {
        const others = value.filter((_, j) => j !== i).map((o) => o.id);
        const bad = fieldIdProblem(f.id, others);
        return (
          <div key={i} className="td-subfield-row">
            <Space.Compact block>
              <Input
                style={{ width: '28%' }}
                value={f.id}
                status={bad ? 'error' : undefined}
                title={bad ? t(`props.idErrors.${bad}`) : undefined}
                onChange={(e) => set(i, { ...f, id: e.target.value.trim() })}
                spellCheck={false}
              />
              <Input style={{ width: '36%' }} value={f.label?.zh ?? ''} placeholder={t('props.labelZh')} onChange={(e) => set(i, { ...f, label: { ...f.label, zh: e.target.value } })} />
              <Input style={{ width: '36%' }} value={f.label?.en ?? ''} placeholder={t('props.labelEn')} onChange={(e) => set(i, { ...f, label: { ...f.label, en: e.target.value || undefined } as FieldDef['label'] })} />
            </Space.Compact>
            <div className="td-option-tools">
              <Select
                size="small"
                style={{ width: 140 }}
                value={f.type}
                onChange={(key: string) => retype(i, key)}
                options={choices.map((ty) => ({ value: ty.key, label: tx(ty.label, ty.key) }))}
              />
              <Checkbox checked={Boolean(f.required)} onChange={(e) => set(i, { ...f, required: e.target.checked || undefined })}>
                {t('props.required')}
              </Checkbox>
              <Tooltip title={t('field.remove')}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={value.length <= 1} onClick={() => onChange(value.filter((_, j) => j !== i))} />
              </Tooltip>
            </div>
          </div>
        );
      })}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={add} block>
        {t('props.addSubField')}
      </Button>
    </div>
  );
}
