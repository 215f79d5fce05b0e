/**
 * The options of a select field: the user edits only their names (Chinese, English optional)
 * and colours, and orders them. Their stored keys are made from the names while the field is
 * not published (model/defaults.ts `keyedOptions`); a published field's options keep theirs.
 */
import { Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { optionKeyFromLabel } from '../../model/autoId';
import { PRESET_COLORS, defaultOptionLabel, keyedOptions, optionColor } from '../../model/defaults';
import type { SelectOption } from '../../model/types';

interface Props {
  value: SelectOption[];
  onChange: (options: SelectOption[]) => void;
  /** The field is published: existing keys stay, a new option gets a key once. */
  locked?: boolean;
}

export default function OptionsEditor({ value, onChange, locked }: Props) {
  const { t } = useTranslation(NS);
  const emit = (next: SelectOption[]) => onChange(locked ? next : keyedOptions(next));

  const set = (i: number, patch: Partial<SelectOption>) => {
    emit(value.map((o, j) => {
      if (j !== i) return o;
      const next: SelectOption = { ...o, ...patch };
      if (!next.color || next.color === 'default') delete next.color;
      if (next.label && !next.label.zh && !next.label.en) delete next.label;
      else if (next.label && !next.label.en) next.label = { zh: next.label.zh };
      return next;
    }));
  };
  const move = (i: number, to: number) => {
    const next = [...value];
    const [o] = next.splice(i, 1);
    next.splice(to, 0, o);
    emit(next);
  };
  const add = () => {
    const n = value.length + 1;
    const zh = defaultOptionLabel(n);
    emit([...value, { value: optionKeyFromLabel('', value.map((o) => o.value), n), label: { zh }, color: optionColor(value.length) }]);
  };

  return (
    <div className="td-options" data-testid="options-editor">
      {value.map((o, i) => (
        <div key={i} className="td-option-row" data-testid={`option-${i}`}>
          <Space.Compact block>
            <Input
              style={{ width: '55%' }}
              placeholder={t('props.optionName')}
              value={o.label?.zh ?? ''}
              status={o.label?.zh?.trim() ? undefined : 'error'}
              onChange={(e) => set(i, { label: { ...o.label, zh: e.target.value } })}
              data-testid={`option-${i}-zh`}
            />
            <Input
              style={{ width: '45%' }}
              placeholder={t('props.optionEnOptional')}
              value={o.label?.en ?? ''}
              onChange={(e) => set(i, { label: { zh: o.label?.zh ?? '', ...o.label, en: e.target.value } })}
              data-testid={`option-${i}-en`}
            />
          </Space.Compact>
          <div className="td-option-tools">
            <Select
              size="small"
              style={{ width: 120 }}
              value={o.color ?? 'default'}
              aria-label={t('props.optionColor')}
              onChange={(color) => set(i, { color })}
              options={PRESET_COLORS.map((c) => ({ value: c, label: <Tag color={c}>{c}</Tag> }))}
              data-testid={`option-${i}-color`}
            />
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, i + 1)} />
            <Tooltip title={t('props.removeOption')}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={value.length <= 1} onClick={() => emit(value.filter((_, j) => j !== i))} />
            </Tooltip>
          </div>
        </div>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={add} block data-testid="add-option">
        {t('props.addOption')}
      </Button>
    </div>
  );
}
