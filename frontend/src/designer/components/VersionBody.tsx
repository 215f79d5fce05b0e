/** A published version at a glance: its sections and fields (label, id, type), deleted ones struck out. */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { normalizeLayout } from '../model/layout';
import type { FormDefinition } from '../model/types';

export default function VersionBody({ def }: { def: FormDefinition }) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { typeOf } = useDesigner();
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const deleted = def.fields.filter((f) => f.deleted);
  return (
    <div className="td-version-body">
      <Typography.Paragraph>
        <strong>{tx(def.label, def.id)}</strong> · {t('history.fields', { n: def.fields.length - deleted.length })}
      </Typography.Paragraph>
      {normalizeLayout(def).map((s, i) => (
        <div key={i} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {s.tab ? `${tx(s.tab)} / ` : ''}
            {tx(s.section, `${t('canvas.section')} ${i + 1}`)}
          </Typography.Text>
          <div>
            {s.fields.map((id) => {
              const f = byId.get(id);
              return (
                <Tag key={id} style={{ margin: 2 }}>
                  {tx(f?.label, id)} <Typography.Text type="secondary">{id} · {tx(typeOf(f?.type ?? '')?.label, f?.type)}</Typography.Text>
                </Tag>
              );
            })}
          </div>
        </div>
      ))}
      {deleted.map((f) => (
        <Tag key={f.id} style={{ margin: 2, textDecoration: 'line-through' }}>
          {tx(f.label, f.id)}
        </Tag>
      ))}
    </div>
  );
}
