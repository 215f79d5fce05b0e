/** The input a field gets in the live preview (antd widgets; lookups and uploads shown inert). */
import { DatePicker, Input, InputNumber, Select, Switch, Table, Tag, Upload, Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { DEFAULT_PATTERN, sampleNumber } from '../../model/autoNumber';
import type { FieldDef } from '../../model/types';
import { fieldWidgets } from '../../../registries';
import { pluggedTypes } from '../../../registries/register';

interface Props {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  invalid: boolean;
}

export default function PreviewWidget({ field, value, onChange, disabled, invalid }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const status = invalid ? 'error' : undefined;
  const placeholder = tx(field.placeholder) || undefined;
  const id = `preview-${field.id}`;
  const text = typeof value === 'string' ? value : '';
  const options = (field.options ?? []).map((o) => ({
    value: o.value,
    label: o.color ? <Tag color={o.color}>{tx(o.label, o.value)}</Tag> : tx(o.label, o.value),
  }));

  switch (field.type) {
    case 'long_text':
      return <Input.TextArea id={id} value={text} disabled={disabled} status={status} placeholder={placeholder} autoSize={{ minRows: 2 }} onChange={(e) => onChange(e.target.value)} />;
    case 'json':
      return <Input.TextArea id={id} value={text} disabled={disabled} status={status} autoSize={{ minRows: 2 }} style={{ fontFamily: 'monospace' }} onChange={(e) => onChange(e.target.value)} />;
    case 'integer':
    case 'decimal':
    case 'money':
    case 'percent':
      return (
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          disabled={disabled}
          status={status}
          placeholder={placeholder}
          precision={field.type === 'integer' ? 0 : typeof field.precision === 'number' ? field.precision : undefined}
          prefix={field.type === 'money' ? (typeof field.currency === 'string' ? field.currency : '¥') : undefined}
          suffix={field.type === 'percent' ? '%' : undefined}
          onChange={(v) => onChange(v)}
        />
      );
    case 'boolean':
      return <Switch id={id} checked={value === true} disabled={disabled} onChange={onChange} />;
    case 'date':
    case 'datetime': {
      const format = field.type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ss';
      return (
        <DatePicker
          id={id}
          style={{ width: '100%' }}
          showTime={field.type === 'datetime'}
          value={text ? dayjs(text) : null}
          disabled={disabled}
          status={status}
          onChange={(d) => onChange(d ? d.format(format) : null)}
        />
      );
    }
    case 'single_select':
    case 'multi_select':
      return (
        <Select
          id={id}
          allowClear
          mode={field.type === 'multi_select' ? 'multiple' : undefined}
          value={value ?? undefined}
          disabled={disabled}
          status={status}
          placeholder={placeholder}
          options={options}
          onChange={onChange}
        />
      );
    case 'formula':
    case 'lookup':
    case 'rollup':
      // computed by the system: shown read-only (its formula as the hint)
      return <Input id={id} disabled variant="filled" placeholder={typeof field.expression === 'string' ? `= ${field.expression}` : placeholder} />;
    case 'auto_number':
      return <Input id={id} disabled value={sampleNumber(typeof field.pattern === 'string' ? field.pattern : DEFAULT_PATTERN, new Date())} />;
    case 'user':
    case 'department':
    case 'relation':
      return <Select id={id} disabled={disabled} status={status} placeholder={placeholder ?? (field.target ? String(field.target) : undefined)} options={[]} />;
    case 'attachment':
      return (
        <Upload disabled fileList={[]}>
          <Button icon={<UploadOutlined />} disabled>
            {t('preview.upload')}
          </Button>
        </Upload>
      );
    case 'sub_table':
      return (
        <Table
          size="small"
          bordered
          pagination={false}
          dataSource={[]}
          rowKey="id"
          columns={(field.fields ?? []).map((c) => ({ key: c.id, dataIndex: c.id, title: tx(c.label, c.id) }))}
        />
      );
    default: {
      // a plugin's type: its own widget when its browser module registered one
      const Plugged = pluggedTypes.has(field.type) ? fieldWidgets[field.type] : undefined;
      if (Plugged) return <Plugged field={field} value={value} onChange={onChange} disabled={disabled} invalid={invalid} id={id} ctx={{ app: '', form: '' }} />;
      return <Input id={id} value={text} disabled={disabled} status={status} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
    }
  }
}
