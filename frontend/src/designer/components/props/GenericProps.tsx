/** The keys of a field type's config schema that have no dedicated editor, rendered from their schema. */
import { useState } from 'react';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import type { FieldDef, JsonSchema } from '../../model/types';
import SchemaInput from './SchemaInput';

interface Props {
  field: FieldDef;
  schema: JsonSchema;
  keys: string[];
  patch: (p: Partial<FieldDef>) => void;
}

export default function GenericProps({ field, schema, keys, patch }: Props) {
  const { t, i18n } = useTranslation(NS);
  const [problems, setProblems] = useState<Record<string, string | null>>({});
  const props = schema.properties ?? {};
  const labelOf = (key: string) => {
    if (key === 'pattern') return t('props.validationPattern');
    return i18n.exists(`props.${key}`, { ns: NS }) ? t(`props.${key}`) : key;
  };
  const extraOf = (key: string) => {
    if (key === 'pattern') return `${t('words.patternHelp')} ${t('props.validationPatternHelp')}`;
    if (key === 'accept') return t('props.acceptHelp');
    return undefined;
  };
  return (
    <>
      {keys.map((key) => (
        <Form.Item
          key={key}
          label={labelOf(key)}
          extra={problems[key] ? undefined : extraOf(key)}
          required={(schema.required ?? []).includes(key)}
          validateStatus={problems[key] ? 'error' : undefined}
          help={problems[key] ?? undefined}
          style={{ marginBottom: 12 }}
        >
          <SchemaInput
            schema={props[key]}
            value={field[key]}
            onChange={(value) => patch({ [key]: value })}
            onProblem={(p) => setProblems((all) => ({ ...all, [key]: p && key === 'pattern' ? t('props.badRegex') : p }))}
            testId={`prop-${key}`}
          />
        </Form.Item>
      ))}
    </>
  );
}
