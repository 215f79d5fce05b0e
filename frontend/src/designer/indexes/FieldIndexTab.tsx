/** The property panel's "Index" tab: which saved views and slow queries would use an index on the selected field. */
import { Alert, Button, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useLang } from '../../i18n/text';
import type { FieldDef } from '../model/types';
import FieldAdviceCard from './FieldAdviceCard';
import { INDEX_NS } from './locales';
import { useCreateIndexes } from './useCreateIndexes';

export default function FieldIndexTab({ field }: { field: FieldDef }) {
  const { t } = useTranslation(INDEX_NS);
  const { lang } = useLang();
  const { advice, error, forbidden, loading, refresh, create, busy, blocked, status } = useCreateIndexes();
  const published = status !== 404;

  if (forbidden) return <Typography.Paragraph type="secondary">{t(published ? 'adminOnly' : 'unpublished')}</Typography.Paragraph>;
  if (error) {
    return (
      <Alert type="warning" showIcon title={t('failed')} description={errorText(error, lang)}
        action={<Button size="small" onClick={refresh}>{t('retry')}</Button>} />
    );
  }
  if (!advice) return <Spin size="small" tip={t('loading')}><div style={{ height: 40 }} /></Spin>;
  const item = advice.fields.find((f) => f.field === field.id);
  return (
    <div data-testid="field-index-tab">
      {item ? (
        <FieldAdviceCard item={item} busy={busy?.includes(field.id) ?? false} blocked={blocked}
          onCreate={(fields) => void create(fields)} />
      ) : (
        <Typography.Paragraph type="secondary">{t('none')}</Typography.Paragraph>
      )}
      {loading && <Spin size="small" />}
    </div>
  );
}
