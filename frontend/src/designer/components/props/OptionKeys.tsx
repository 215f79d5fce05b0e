/** The stored keys of a select field's options (read only), shown under 高级. */
import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import type { SelectOption } from '../../model/types';

export default function OptionKeys({ options }: { options: SelectOption[] }) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  return (
    <Form.Item label={t('words.optionKeys')} extra={t('words.optionKeysHelp')} style={{ marginBottom: 12 }}>
      <ul className="td-option-keys" data-testid="option-keys">
        {options.map((o, i) => (
          <li key={i}>
            <span>{tx(o.label, o.value)}</span>
            <Typography.Text code copyable={{ text: o.value }}>{o.value}</Typography.Text>
          </li>
        ))}
      </ul>
    </Form.Item>
  );
}
