/** A field's default value, with an input fitting its type's traits; null when the type takes no default. */
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import type { FieldDef } from '../../model/types';
import { takesConfig, traitsOf } from '../../../api/fieldTypes';

/** Whether a field of `type` takes a default: values people type (not generated, not files,
 * JSON or sub-tables), users (the current one) but no other references. */
export function takesDefault(type: string): boolean {
  const t = traitsOf(type);
  return t.importable && t.sql_kind !== 'json' && (!t.references || t.references === 'user');
}

interface Props {
  field: FieldDef;
  onChange: (value: unknown) => void;
}

export default function DefaultValueInput({ field, onChange }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const value = field.default;
  const testId = 'prop-default';
  const set = (v: unknown) => onChange(v === '' || v === null || (Array.isArray(v) && !v.length) ? undefined : v);
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: tx(o.label, o.value) }));
  const traits = traitsOf(field.type);
  const kind = traits.sql_kind;

  if (traits.references === 'user') {
    return (
      <Select
        allowClear
        value={value === '$user' ? '$user' : undefined}
        placeholder={t('props.defaultNone')}
        onChange={set}
        options={[{ value: '$user', label: t('props.defaultCurrentUser') }]}
        data-testid={testId}
      />
    );
  }
  if (takesConfig(field.type, 'options')) {
    const multi = kind === 'json_array';
    return (
      <Select
        allowClear
        mode={multi ? 'multiple' : undefined}
        value={multi ? (Array.isArray(value) ? value : []) : (value as string | undefined)}
        placeholder={t('props.defaultNone')}
        onChange={set}
        options={options}
        data-testid={testId}
      />
    );
  }
  if (kind === 'text') {
    return <Input value={typeof value === 'string' ? value : ''} placeholder={t('props.defaultNone')} onChange={(e) => set(e.target.value)} data-testid={testId} />;
  }
  if (kind === 'number') {
    return (
      <InputNumber
        style={{ width: '100%' }}
        value={typeof value === 'number' ? value : null}
        placeholder={t('props.defaultNone')}
        precision={takesConfig(field.type, 'precision') ? undefined : 0}
        onChange={set}
        data-testid={testId}
      />
    );
  }
  if (kind === 'bool') {
    return (
      <Select
        allowClear
        value={typeof value === 'boolean' ? String(value) : undefined}
        placeholder={t('props.defaultNone')}
        onChange={(v?: string) => set(v === undefined ? undefined : v === 'true')}
        options={[{ value: 'true', label: t('props.yes') }, { value: 'false', label: t('props.no') }]}
        data-testid={testId}
      />
    );
  }
  if (kind === 'date' || kind === 'datetime') {
    const format = kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ss';
    const parsed = typeof value === 'string' ? dayjs(value) : null;
    return (
      <DatePicker
        style={{ width: '100%' }}
        showTime={kind === 'datetime'}
        value={parsed && parsed.isValid() ? parsed : null}
        placeholder={t('props.defaultNone')}
        onChange={(d) => set(d ? d.format(format) : undefined)}
        data-testid={testId}
      />
    );
  }
  return null;
}
