/** The live preview of the draft: its sections, columns and tabs, with conditions applied as values change. */
import { useMemo, useState } from 'react';
import { App, Button, Col, Collapse, Empty, Form, Row, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { traitsOf } from '../../../api/fieldTypes';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { checkValue, fieldStates } from '../../model/evaluate';
import type { CheckProblem } from '../../model/evaluate';
import { hasTabs, tabGroups } from '../../model/layout';
import type { FieldDef } from '../../model/types';
import PreviewWidget from './PreviewWidget';

const initialValues = (fields: FieldDef[]) =>
  Object.fromEntries(fields.filter((f) => f.default !== undefined && f.default !== '$user').map((f) => [f.id, f.default]));

export default function PreviewPane() {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state } = useDesigner();
  const { message } = App.useApp();
  const def = state.def;
  const layout = def.layout ?? [];
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(def.fields));
  const [problems, setProblems] = useState<Map<string, CheckProblem>>(new Map());
  const states = useMemo(() => fieldStates(def.fields, values), [def.fields, values]);
  const byId = new Map(def.fields.map((f) => [f.id, f]));

  const check = () => {
    const found = new Map<string, CheckProblem>();
    for (const f of def.fields) {
      const s = states.get(f.id);
      const p = s && checkValue(f, values[f.id], s);
      if (p) found.set(f.id, p);
    }
    setProblems(found);
    if (!found.size) void message.success(t('preview.valid'));
  };
  const problemText = (p: CheckProblem) => t(`preview.errors.${p.code}`, { limit: String(p.limit) });

  const section = (index: number) => {
    const s = layout[index];
    const columns = s.columns ?? 1;
    return (
      <div key={index} className="td-preview-section">
        <Typography.Title level={5}>{tx(s.section, '')}</Typography.Title>
        <Row gutter={16}>
          {s.fields.map((id) => {
            const f = byId.get(id);
            const st = states.get(id);
            if (!f || !st || !st.visible) return null;
            const p = problems.get(id);
            const wide = traitsOf(f.type).wide;
            return (
              <Col key={id} span={wide ? 24 : 24 / columns} data-testid={`preview-field-${id}`}>
                <Form.Item label={tx(f.label, f.id)} required={st.required} validateStatus={p ? 'error' : undefined} help={p ? problemText(p) : tx(f.help) || undefined}>
                  <PreviewWidget field={f} value={values[id]} disabled={st.readonly} invalid={Boolean(p)} onChange={(v) => setValues((all) => ({ ...all, [id]: v }))} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
      </div>
    );
  };

  if (!def.fields.some((f) => !f.deleted)) return <Empty description={t('preview.noFields')} style={{ marginTop: 64 }} />;
  return (
    <div className="td-preview" data-testid="preview">
      <div className="td-preview-paper">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {tx(def.label, def.id)}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('preview.hint')}</Typography.Paragraph>
        <Form layout="vertical">
          {hasTabs(layout) ? (
            <Tabs items={tabGroups(layout).map((g) => ({ key: g.key, label: g.key ? tx(g.tab, g.key) : t('canvas.noTab'), children: g.sections.map(section) }))} />
          ) : (
            layout.map((_, i) => section(i))
          )}
        </Form>
        <Space>
          <Button type="primary" onClick={check} data-testid="preview-check">
            {t('preview.check')}
          </Button>
          <Button
            onClick={() => {
              setValues(initialValues(def.fields));
              setProblems(new Map());
            }}
          >
            {t('preview.reset')}
          </Button>
        </Space>
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 16 }}
          items={[{ key: 'values', label: t('preview.values'), children: <pre className="td-json">{JSON.stringify(values, null, 2)}</pre> }]}
        />
      </div>
    </div>
  );
}
