/** One field's index advice: its state, the views and slow queries that use it, the cost, and the button. */
import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { DatabaseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import type { FieldAdvice } from './api';
import { bytes, count, duration } from './format';
import { INDEX_NS, keyOfUse } from './locales';

interface Props {
  item: FieldAdvice;
  title?: boolean;
  busy: boolean;
  blocked: string | null;
  onCreate: (fields: string[]) => void;
}

export default function FieldAdviceCard({ item, title, busy, blocked, onCreate }: Props) {
  const { t } = useTranslation(INDEX_NS);
  const { tx, lang } = useLang();
  const name = tx(item.label, item.field);
  const slow = item.slow_queries;

  let state;
  if (item.index) state = <Tag color="green">{t(item.index.unique ? 'hasUnique' : 'hasIndex', { name: item.index.name })}</Tag>;
  else if (!item.indexable) state = <Tag>{t('notIndexable')}</Tag>;
  else if (item.suggested) state = <Tag color="orange" icon={<ThunderboltOutlined />}>{t('suggested')}</Tag>;
  else state = <Tag>{t('notFriendly')}</Tag>;

  return (
    <div className="td-ix-card" data-testid={`index-advice-${item.field}`}>
      <Space size={6} wrap>
        {title && <Typography.Text strong>{name}</Typography.Text>}
        {title && <Typography.Text type="secondary">{item.field}</Typography.Text>}
        {state}
      </Space>
      {item.views.length > 0 && (
        <div className="td-ix-section">
          <Typography.Text type="secondary">{t('views')}</Typography.Text>
          <ul className="td-ix-list">
            {item.views.map((v) => (
              <li key={v.id} data-testid="index-view">
                <Typography.Text>{tx(v.label, v.id)}</Typography.Text>{' '}
                <Tag bordered={false} color={v.shared ? 'blue' : undefined}>
                  {v.shared ? t('shared') : t('personal', { owner: v.owner_name ?? v.owner ?? '' })}
                </Tag>
                <Typography.Text type="secondary">{v.uses.map((u) => t(keyOfUse(u))).join(' · ')}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="td-ix-section" data-testid="index-slow">
        <Typography.Text type={slow ? 'warning' : 'secondary'}>
          {slow
            ? t('slow', { count: slow.count, max: duration(slow.max_ms), avg: duration(slow.avg_ms) })
            : t('noSlow')}
        </Typography.Text>
      </div>
      {item.cost && (
        <div className="td-ix-section" data-testid="index-cost">
          <Typography.Text>
            <DatabaseOutlined />{' '}
            {t('cost', { rows: count(item.cost.rows, lang), size: bytes(item.cost.size_bytes),
              time: duration(item.cost.build_ms) })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('costLock')}</Typography.Text>
        </div>
      )}
      {item.indexable && !item.index && (
        <Tooltip title={blocked}>
          <Popconfirm title={t('confirm', { names: name })} onConfirm={() => onCreate([item.field])}
            disabled={!!blocked}>
            <Button size="small" type={item.suggested ? 'primary' : 'default'} loading={busy} disabled={!!blocked}
              data-testid={`index-create-${item.field}`}>
              {t('create')}
            </Button>
          </Popconfirm>
        </Tooltip>
      )}
    </div>
  );
}
