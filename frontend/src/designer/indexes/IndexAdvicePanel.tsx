/** The form's index advice (shown in the property panel when no field is selected): every
 * field saved views or slow queries use, suggested ones first, and one button for all. */
import './indexes.css';
import { Alert, Button, Divider, Popconfirm, Spin, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useLang } from '../../i18n/text';
import FieldAdviceCard from './FieldAdviceCard';
import { duration } from './format';
import { INDEX_NS } from './locales';
import { useCreateIndexes } from './useCreateIndexes';

export default function IndexAdvicePanel() {
  const { t } = useTranslation(INDEX_NS);
  const { tx, lang } = useLang();
  const { advice, error, forbidden, refresh, create, busy, blocked } = useCreateIndexes();

  if (forbidden) return null;
  const body = () => {
    if (error) {
      return (
        <Alert type="warning" showIcon title={t('failed')} description={errorText(error, lang)}
          action={<Button size="small" onClick={refresh}>{t('retry')}</Button>} />
      );
    }
    if (!advice) return <Spin size="small" tip={t('loading')}><div style={{ height: 40 }} /></Spin>;
    const shown = advice.fields.filter((f) => f.suggested || (!f.index && f.indexable));
    const suggested = shown.filter((f) => f.suggested).map((f) => f.field);
    const label = (id: string) => tx(advice.fields.find((f) => f.field === id)?.label, id);
    return (
      <>
        <Typography.Paragraph type="secondary">{t('intro', { ms: advice.threshold_ms })}</Typography.Paragraph>
        {suggested.length > 1 && (
          <Tooltip title={blocked}>
            <Popconfirm title={t('confirm', { names: suggested.map(label).join('、') })}
              onConfirm={() => void create(suggested)} disabled={!!blocked}>
              <Button type="primary" size="small" block disabled={!!blocked} loading={!!busy && busy.length > 1}
                data-testid="index-create-all" style={{ marginBottom: 8 }}>
                {t('createAll', { n: suggested.length })}
              </Button>
            </Popconfirm>
          </Tooltip>
        )}
        {shown.length === 0 && <Typography.Paragraph type="secondary">{t('noneForm')}</Typography.Paragraph>}
        {shown.map((item) => (
          <FieldAdviceCard key={item.field} item={item} title busy={busy?.includes(item.field) ?? false}
            blocked={blocked} onCreate={(fields) => void create(fields)} />
        ))}
        {advice.recent_slow_queries.length > 0 && (
          <>
            <Typography.Text type="secondary">{t('recent')}</Typography.Text>
            <ul className="td-ix-list" data-testid="index-recent">
              {advice.recent_slow_queries.slice(-5).reverse().map((q, i) => (
                <li key={i}>
                  {duration(q.ms)} · {q.fields.map(label).join('、')}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  };
  return (
    <section data-testid="index-advice-panel">
      <Divider titlePlacement="start" plain>{t('title')}</Divider>
      {body()}
    </section>
  );
}
