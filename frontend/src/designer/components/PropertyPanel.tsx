/** The right-hand panel: the selected field's properties in tabs, or the form's own settings. */
import { useState } from 'react';
import { Alert, Form, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import type { FieldDef } from '../model/types';
import ConditionsTab from './conditions/ConditionsTab';
import FormProps from './props/FormProps';
import BasicProps from './props/BasicProps';
import RulesProps from './props/RulesProps';
import IndexAdvicePanel from '../indexes/IndexAdvicePanel';

export default function PropertyPanel() {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch, problems } = useDesigner();
  const field = state.def.fields.find((f) => f.id === state.selected && !f.deleted);
  const [tab, setTab] = useState('basic'); // kept across fields and reloads
  const [advanced, setAdvanced] = useState(false); // the 高级 sections, likewise

  if (!field) {
    return (
      <aside className="td-props" data-testid="property-panel">
        <Typography.Paragraph type="secondary">{t('props.none')}</Typography.Paragraph>
        <FormProps />
        <IndexAdvicePanel />
      </aside>
    );
  }
  const patch = (p: Partial<FieldDef>) => dispatch({ type: 'updateField', id: field.id, patch: p });
  const mine = problems.get(field.id) ?? [];
  return (
    <aside className="td-props" data-testid="property-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('props.title')} · {tx(field.label, field.id)}
      </Typography.Title>
      {mine.map((p, i) => (
        <Alert key={i} type="error" showIcon style={{ marginBottom: 8 }} title={tx(p.message)} data-testid="prop-problem" />
      ))}
      <Form layout="vertical" size="small" key={state.def.fields.indexOf(field)}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          size="small"
          items={[
            { key: 'basic', label: t('props.basic'), children: <BasicProps field={field} patch={patch} advanced={advanced} onAdvanced={setAdvanced} /> },
            { key: 'rules', label: t('props.rules'), children: <RulesProps field={field} patch={patch} advanced={advanced} onAdvanced={setAdvanced} /> },
            { key: 'conditions', label: t('props.conditions'), children: <ConditionsTab field={field} /> },
          ]}
        />
      </Form>
    </aside>
  );
}
