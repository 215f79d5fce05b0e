/** The basics of the selected field: type, section, labels, help, placeholder, default and type-specific keys; its id (and a select's option keys) under 高级. */
import { Alert, Form, Select, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { locate } from '../../model/layout';
import type { FieldDef } from '../../model/types';
import AdvancedSection from './AdvancedSection';
import AutoNumberProps from './AutoNumberProps';
import BilingualInput from './BilingualInput';
import DefaultValueInput, { takesDefault } from './DefaultValueInput';
import FieldIdInput from './FieldIdInput';
import OptionKeys from './OptionKeys';
import OptionsEditor from './OptionsEditor';
import RelationProps from './RelationProps';
import SubFieldsEditor from './SubFieldsEditor';
import { designerEditors } from '../../../registries/register';
import '../../../registries/editors';
import type { DesignerEditor } from '../../../registries/register';
import { takesConfig } from '../../../api/fieldTypes';

/** The core types' own editors, by type name (plugins register theirs: registries/register.ts). */
const CORE_EDITORS: Record<string, DesignerEditor> = {
  relation: RelationProps as DesignerEditor,
  auto_number: AutoNumberProps as DesignerEditor,
};

interface Props {
  field: FieldDef;
  patch: (p: Partial<FieldDef>) => void;
  /** Whether the 高级 section is open (kept by the panel across fields). */
  advanced: boolean;
  onAdvanced: (open: boolean) => void;
}

export default function BasicProps({ field, patch, advanced, onAdvanced }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch, types, typeOf } = useDesigner();
  const layout = state.def.layout ?? [];
  const at = locate(layout, field.id);
  const published = state.published.includes(field.id);
  const typeKnown = Boolean(typeOf(field.type));
  const PluginEditor = designerEditors[field.type]; // a registered editor of the type (computed types, plugins)
  const CoreEditor = CORE_EDITORS[field.type];
  // options a type may have (a formula's values named) rather than must have (a select's choices)
  const optionsRequired = (typeOf(field.type)?.config_schema?.required ?? []).includes('options');

  const options = takesConfig(field.type, 'options') && (
    <Form.Item label={t('props.options')} required={optionsRequired}
      extra={optionsRequired ? undefined : t('props.optionsOptional')} style={{ marginBottom: 12 }}>
      <OptionsEditor value={field.options ?? []} locked={published}
        onChange={(next) => patch({ options: next.length || optionsRequired ? next : undefined })} />
    </Form.Item>
  );

  return (
    <>
      <Form.Item label={t('props.type')} style={{ marginBottom: 12 }} extra={published ? t('props.typeWarn') : undefined}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={field.type}
          onChange={(key: string) => {
            const fieldType = typeOf(key);
            if (fieldType) dispatch({ type: 'changeType', id: field.id, fieldType });
          }}
          options={types.map((ty) => ({ value: ty.key, label: tx(ty.label, ty.key) }))}
          data-testid="prop-type"
        />
      </Form.Item>
      {!typeKnown && <Alert type="warning" showIcon title={field.type} style={{ marginBottom: 12 }} />}
      {layout.length > 1 && at && (
        <Form.Item label={t('canvas.section')} style={{ marginBottom: 12 }}>
          <Select
            value={at.section}
            onChange={(section: number) => dispatch({ type: 'moveField', id: field.id, section, index: Number.MAX_SAFE_INTEGER })}
            options={layout.map((s, i) => ({
              value: i,
              label: [s.tab ? tx(s.tab) : '', tx(s.section, `${t('canvas.section')} ${i + 1}`)].filter(Boolean).join(' / '),
            }))}
            data-testid="prop-section"
          />
        </Form.Item>
      )}
      <BilingualInput
        value={field.label}
        onChange={(label) => patch({ label: label ?? { zh: '' } })}
        zhLabel={t('props.labelZh')}
        enLabel={t('props.labelEn')}
        testId="prop-label"
        required
      />
      {optionsRequired && options}
      {CoreEditor && <CoreEditor field={field} patch={patch} />}
      {PluginEditor && (
        <Suspense fallback={<Spin size="small" />}>
          <PluginEditor field={field} patch={patch} />
        </Suspense>
      )}
      {!optionsRequired && options}
      {takesConfig(field.type, 'fields') && (
        <Form.Item label={t('props.subFields')} required style={{ marginBottom: 12 }}>
          <SubFieldsEditor value={field.fields ?? []} onChange={(fields) => patch({ fields })} />
        </Form.Item>
      )}
      {takesDefault(field.type) && (
        <Form.Item label={t('props.default')} style={{ marginBottom: 12 }}>
          <DefaultValueInput field={field} onChange={(value) => patch({ default: value })} />
        </Form.Item>
      )}
      <BilingualInput value={field.help} onChange={(help) => patch({ help })} zhLabel={t('props.helpZh')} enLabel={t('props.helpEn')} multiline testId="prop-help" />
      <BilingualInput
        value={field.placeholder}
        onChange={(placeholder) => patch({ placeholder })}
        zhLabel={t('props.placeholderZh')}
        enLabel={t('props.placeholderEn')}
        testId="prop-placeholder"
      />
      <AdvancedSection open={advanced} onToggle={onAdvanced} testId="prop-advanced">
        <FieldIdInput id={field.id} />
        {takesConfig(field.type, 'options') && (field.options?.length ?? 0) > 0 && <OptionKeys options={field.options!} />}
      </AdvancedSection>
    </>
  );
}
