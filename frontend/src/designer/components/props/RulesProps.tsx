/** Validation of the selected field: required, unique, read-only, hidden and the type's keys; the format pattern, indexing and index advice under 高级. */
import { Form, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { COMMON_KEYS } from '../../model/fieldOps';
import type { FieldDef } from '../../model/types';
import FieldIndexTab from '../../indexes/FieldIndexTab';
import AdvancedSection from './AdvancedSection';
import GenericProps from './GenericProps';
import { dedicatedKeys } from '../../../registries/editors';
import { traitsOf } from '../../../api/fieldTypes';

/** Keys edited elsewhere (basics tab), by field type. */
const DEDICATED: Record<string, string[]> = {
  single_select: ['options'],
  multi_select: ['options'],
  relation: ['target', 'display_field', 'on_delete'],
  auto_number: ['pattern', 'reset'],
  sub_table: ['fields'],
};

const FLAGS = ['required', 'unique', 'indexed', 'readonly', 'hidden'] as const;
/** Flags and keys for developers: under 高级. */
const ADVANCED_FLAGS = new Set<string>(['indexed']);
const ADVANCED_KEYS = new Set<string>(['pattern']);

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
  advanced: boolean;
  onAdvanced: (open: boolean) => void;
}

export default function RulesProps({ field, patch, advanced, onAdvanced }: Props) {
  const { t } = useTranslation(NS);
  const { typeOf } = useDesigner();
  const schema = typeOf(field.type)?.config_schema ?? { type: 'object', properties: {} };
  const own = dedicatedKeys[field.type] ?? [];
  const skip = new Set([...COMMON_KEYS, ...(DEDICATED[field.type] ?? []), ...own]);
  const keys = Object.keys(schema.properties ?? {}).filter((k) => !skip.has(k));
  const generated = traitsOf(field.type).generated; // never typed: neither required nor read-only by choice
  const flags = FLAGS.filter((f) => (field.type !== 'sub_table' || (f !== 'unique' && f !== 'indexed'))
    && !own.includes(f) && !(generated && (f === 'required' || f === 'readonly')));
  const help: Record<string, string | undefined> = { unique: t('props.uniqueHelp'), indexed: t('props.indexedHelp') };
  const switchOf = (flag: string) => (
    <Switch
      size="small"
      checked={field[flag] === true}
      onChange={(on) => patch({ [flag]: on || undefined })}
      data-testid={`prop-${flag}`}
    />
  );

  return (
    <>
      <div className="td-flags">
        {flags.filter((f) => !ADVANCED_FLAGS.has(f)).map((flag) => (
          <Form.Item key={flag} label={t(`props.${flag}`)} tooltip={help[flag]} style={{ marginBottom: 8 }}>
            {switchOf(flag)}
          </Form.Item>
        ))}
      </div>
      <GenericProps field={field} schema={schema} keys={keys.filter((k) => !ADVANCED_KEYS.has(k))} patch={patch} />
      <AdvancedSection open={advanced} onToggle={onAdvanced} testId="rules-advanced">
        {keys.some((k) => ADVANCED_KEYS.has(k)) && (
          <GenericProps field={field} schema={schema} keys={keys.filter((k) => ADVANCED_KEYS.has(k))} patch={patch} />
        )}
        {flags.filter((f) => ADVANCED_FLAGS.has(f)).map((flag) => (
          <Form.Item key={flag} label={t(`props.${flag}`)} extra={t('words.indexedHelp')} style={{ marginBottom: 12 }}>
            {switchOf(flag)}
          </Form.Item>
        ))}
        {field.type !== 'sub_table' && (
          <Form.Item label={t('words.indexAdvice')} extra={t('words.indexAdviceHelp')} style={{ marginBottom: 12 }}>
            <FieldIndexTab field={field} />
          </Form.Item>
        )}
      </AdvancedSection>
    </>
  );
}
