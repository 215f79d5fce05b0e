/** Two inputs for a {zh, en} text (Chinese first); undefined when both are empty. */
import { Form, Input } from 'antd';
import { editText } from '../../model/text';
import type { Text } from '../../model/types';

interface Props {
  value: Text | undefined;
  onChange: (value: Text | undefined) => void;
  zhLabel: string;
  enLabel: string;
  multiline?: boolean;
  testId?: string;
  required?: boolean;
}

export default function BilingualInput({ value, onChange, zhLabel, enLabel, multiline, testId, required }: Props) {
  const Field = multiline ? Input.TextArea : Input;
  const missing = required && !value?.zh?.trim();
  return (
    <>
      <Form.Item label={zhLabel} required={required} validateStatus={missing ? 'error' : undefined} style={{ marginBottom: 8 }}>
        <Field
          value={value?.zh ?? ''}
          onChange={(e) => onChange(editText(value, 'zh', e.target.value))}
          data-testid={testId ? `${testId}-zh` : undefined}
          {...(multiline ? { autoSize: { minRows: 1, maxRows: 4 } } : {})}
        />
      </Form.Item>
      <Form.Item label={enLabel} style={{ marginBottom: 12 }}>
        <Field
          value={value?.en ?? ''}
          onChange={(e) => onChange(editText(value, 'en', e.target.value))}
          data-testid={testId ? `${testId}-en` : undefined}
          {...(multiline ? { autoSize: { minRows: 1, maxRows: 4 } } : {})}
        />
      </Form.Item>
    </>
  );
}
