/** The problems of the last save or publish, each naming its field (click to select it). */
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import type { Problem } from '../model/problems';

interface Props {
  problems: Problem[];
  onClose: () => void;
}

export default function ProblemList({ problems, onClose }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch } = useDesigner();
  if (!problems.length) return null;
  const byId = new Map(state.def.fields.map((f) => [f.id, f]));
  const where = (p: Problem) => {
    if (p.fieldId) return tx(byId.get(p.fieldId)?.label, p.fieldId);
    if (p.section !== undefined) return tx(state.def.layout?.[p.section]?.section, t('errors.section', { n: p.section + 1 }));
    return t('errors.form');
  };
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      className="td-problems"
      data-testid="problems"
      title={t('errors.title', { count: problems.length })}
      description={
        <ul className="td-problem-list">
          {problems.map((p, i) => (
            <li key={i}>
              {p.fieldId && byId.has(p.fieldId) ? (
                <Button type="link" size="small" onClick={() => dispatch({ type: 'select', id: p.fieldId! })} style={{ padding: 0 }}>
                  {where(p)}
                </Button>
              ) : (
                <strong>{where(p)}</strong>
              )}
              {p.key ? <code className="td-key">{p.key}</code> : null}
              <span>: {tx(p.message, p.pointer)}</span>
            </li>
          ))}
        </ul>
      }
    />
  );
}
