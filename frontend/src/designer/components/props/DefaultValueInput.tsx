/** A field's default value, with an input fitting its type; null when the type takes no default. */
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import type { FieldDef } from '../../model/types';

const TEXT = ['text', 'long_text', 'email', 'mobile', 'url'];
const NUMBER = ['integer', 'decimal', 'money', 'percent'];

export function takesDefault(type: string): boolean {
  return [...TEXT, ...NUMBER, 'boolean', 'date', 'datetime', 'single_select', 'multi_select', 'user'].includes(type);
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

  if (TEXT.includes(field.type)) {
    return <Input value={typeof value === 'string' ? value : ''} placeholder={t('props.defaultNone')} onChange={(e) => set(e.target.value)} data-testid={testId} />;
  }
  if (NUMBER.includes(field.type)) {
    return (
      <InputNumber
        style={{ width: '100%' }}
        value={typeof value === 'number' ? value : null}
        placeholder={t('props.defaultNone')}
        precision={field.type === 'integer' ? 0 : undefined}
        onChange={set}
        data-testid={testId}
      />
    );
  }
  if (field.type === 'boolean') {
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
  if (field.type === 'date' || field.type === 'datetime') {
    const format = field.type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ss';
    const parsed = typeof value === 'string' ? dayjs(value) : null;
    return (
      <DatePicker
        style={{ width: '100%' }}
        showTime={field.type === 'datetime'}
        value={parsed && parsed.isValid() ? parsed : null}
        placeholder={t('props.defaultNone')}
        onChange={(d) => set(d ? d.format(format) : undefined)}
        data-testid={testId}
      />
    );
  }
  if (field.type === 'single_select' || field.type === 'multi_select') {
    const multi = field.type === 'multi_select';
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
  if (field.type === 'user') {
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
  return null;
}
