/** Validation and storage of the selected field: required, unique, indexed, read-only, hidden, and type keys. */
import { Form, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { COMMON_KEYS } from '../../model/fieldOps';
import type { FieldDef } from '../../model/types';
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

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
}

export default function RulesProps({ field, patch }: Props) {
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

  return (
    <>
      <div className="td-flags">
        {flags.map((flag) => (
          <Form.Item key={flag} label={t(`props.${flag}`)} tooltip={help[flag]} style={{ marginBottom: 8 }}>
            <Switch
              size="small"
              checked={field[flag] === true}
              onChange={(on) => patch({ [flag]: on || undefined })}
              data-testid={`prop-${flag}`}
            />
          </Form.Item>
        ))}
      </div>
      <GenericProps field={field} schema={schema} keys={keys} patch={patch} />
    </>
  );
}
