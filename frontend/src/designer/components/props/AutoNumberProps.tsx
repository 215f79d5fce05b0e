/** An auto-number's pattern (with a sample of the next number) and when its sequence restarts. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { DEFAULT_PATTERN, patternOk, sampleNumber } from '../../model/autoNumber';
import type { FieldDef } from '../../model/types';

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

export default function AutoNumberProps({ field, patch }: Props) {
  const { t } = useTranslation(NS);
  const pattern = typeof field.pattern === 'string' ? field.pattern : '';
  const shown = pattern || DEFAULT_PATTERN;
  const ok = patternOk(shown);
  return (
    <>
      <Form.Item
        label={t('props.pattern')}
        validateStatus={ok ? undefined : 'error'}
        help={ok ? t('props.patternSample', { sample: sampleNumber(shown, new Date()) }) : t('props.patternHelp')}
        extra={ok ? t('props.patternHelp') : undefined}
        style={{ marginBottom: 12 }}
      >
        <Input
          value={pattern}
          placeholder={DEFAULT_PATTERN}
          onChange={(e) => patch({ pattern: e.target.value || undefined })}
          data-testid="prop-pattern"
          spellCheck={false}
        />
      </Form.Item>
      <Form.Item label={t('props.reset')} style={{ marginBottom: 12 }}>
        <Select
          value={typeof field.reset === 'string' ? field.reset : 'never'}
          onChange={(value: string) => patch({ reset: value === 'never' ? undefined : value })}
          options={['never', 'yearly', 'monthly', 'daily'].map((v) => ({ value: v, label: t(`props.resetValues.${v}`) }))}
          data-testid="prop-reset"
        />
      </Form.Item>
    </>
  );
}
