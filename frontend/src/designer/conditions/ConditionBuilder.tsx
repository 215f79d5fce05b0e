/**
 * The visual condition builder (react-awesome-query-builder, antd widgets), loaded lazily:
 * it reads a JsonLogic rule and reports the JsonLogic of what the user builds.
 */
import { useMemo, useState } from 'react';
import { Alert } from 'antd';
import { AntdConfig, Builder, Query } from '@react-awesome-query-builder/antd';
import type { BuilderProps, Config, ImmutableTree } from '@react-awesome-query-builder/antd';
import '@react-awesome-query-builder/antd/css/styles.css';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n';
import { langOf } from '../model/text';
import type { FieldDef, JsonLogic } from '../model/types';
import { buildConditionConfig } from '../../conditions/config';
import type { ConditionTexts } from '../../conditions/config';
import { conditionFields } from '../../conditions/fields';
import { logicFromTree, treeFromLogic } from '../../conditions/logic';

export interface ConditionBuilderProps {
  fields: FieldDef[];
  /** The field the condition belongs to (left out of the choices). */
  self: string;
  value: JsonLogic | undefined;
  onChange: (logic: JsonLogic) => void;
}

const renderBuilder = (props: BuilderProps) => (
  <div className="query-builder-container">
    <div className="query-builder">
      <Builder {...props} />
    </div>
  </div>
);

export default function ConditionBuilder({ fields, self, value, onChange }: ConditionBuilderProps) {
  const { t, i18n } = useTranslation(NS);
  const lang = langOf(i18n.language);
  const config: Config = useMemo(() => {
    const texts: ConditionTexts = {
      operators: t('cond.operators', { returnObjects: true }) as Record<string, string>,
      and: t('cond.and'),
      or: t('cond.or'),
      not: t('cond.not'),
    };
    return buildConditionConfig(AntdConfig, conditionFields(fields, lang, 'condition', {}, self), lang, 'condition', texts);
  }, [fields, lang, self, t]);
  // Read once: the builder owns the tree from then on.
  const [initial] = useState(() => treeFromLogic(value ?? null, config));
  const [tree, setTree] = useState<ImmutableTree>(initial.tree);

  if (!Object.keys(config.fields).length) return <Alert type="info" showIcon title={t('cond.noFields')} />;
  return (
    <div className="td-condition-builder" data-testid="condition-builder">
      {initial.errors.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('cond.unreadable', { errors: initial.errors.join('; ') })} />
      )}
      <Query
        {...config}
        value={tree}
        onChange={(next: ImmutableTree, conf: Config) => {
          setTree(next);
          onChange(logicFromTree(next, conf));
        }}
        renderBuilder={renderBuilder}
      />
    </div>
  );
}
