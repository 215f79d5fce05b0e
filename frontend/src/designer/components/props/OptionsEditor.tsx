/** The options of a select field: value, Chinese and English label, antd preset colour; sortable by arrows. */
import { Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { PRESET_COLORS } from '../../model/defaults';
import { freshId } from '../../model/ids';
import type { SelectOption } from '../../model/types';

interface Props {
  value: SelectOption[];
  onChange: (options: SelectOption[]) => void;
}

export default function OptionsEditor({ value, onChange }: Props) {
  const { t } = useTranslation(NS);
  const counts = new Map<string, number>();
  value.forEach((o) => counts.set(o.value, (counts.get(o.value) ?? 0) + 1));

  const set = (i: number, patch: Partial<SelectOption>) => {
    onChange(value.map((o, j) => {
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
    onChange(next);
  };
  const add = () => {
    const id = freshId('option', value.map((o) => o.value));
    const n = Number(id.split('_').pop());
    onChange([...value, { value: id, label: { zh: `选项${n}`, en: `Option ${n}` } }]);
  };

  return (
    <div className="td-options" data-testid="options-editor">
      {value.map((o, i) => (
        <div key={i} className="td-option-row" data-testid={`option-${i}`}>
          <Space.Compact block>
            <Input
              style={{ width: '30%' }}
              placeholder={t('props.optionValue')}
              value={o.value}
              status={!o.value || (counts.get(o.value) ?? 0) > 1 ? 'error' : undefined}
              onChange={(e) => set(i, { value: e.target.value })}
              data-testid={`option-${i}-value`}
            />
            <Input
              style={{ width: '35%' }}
              placeholder={t('props.optionZh')}
              value={o.label?.zh ?? ''}
              onChange={(e) => set(i, { label: { ...o.label, zh: e.target.value } })}
              data-testid={`option-${i}-zh`}
            />
            <Input
              style={{ width: '35%' }}
              placeholder={t('props.optionEn')}
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
              <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={value.length <= 1} onClick={() => onChange(value.filter((_, j) => j !== i))} />
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
