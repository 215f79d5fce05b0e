/** Published versions (newest first): look at one, or restore it (published again as a new version). */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Empty, List, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client';
import { useLang } from '../../i18n/text';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import type { FormDefinition, VersionInfo } from '../model/types';
import VersionBody from './VersionBody';

interface Props {
  open: boolean;
  onClose: () => void;
  current: number | null;
  onRestored: (version: number) => Promise<void>;
}

export default function VersionHistory({ open, onClose, current, onRestored }: Props) {
  const { t } = useTranslation(NS);
  const { lang } = useLang();
  const { app, state } = useDesigner();
  const form = state.def.id;
  const [items, setItems] = useState<VersionInfo[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ version: number; body: FormDefinition | null } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const [people, setPeople] = useState<Map<number, string>>(new Map());

  useEffect(() => {
    if (!open) return;
    let live = true;
    setItems(null);
    setFailure(null);
    designerApi
      .versions(app, form)
      .then((v) => live && setItems(v))
      .catch((err: unknown) => live && setFailure(errorText(err, lang)));
    api
      .users('', 100)
      .then((users) => live && setPeople(new Map(users.map((u) => [u.id, u.title || u.username]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open, app, form, current, lang]);

  const view = async (version: number) => {
    setViewing({ version, body: null });
    try {
      setViewing({ version, body: await designerApi.version(app, form, version) });
    } catch (err) {
      setViewing(null);
      setFailure(errorText(err, lang));
    }
  };
  const restore = async (version: number) => {
    setBusy(version);
    try {
      const done = await designerApi.restore(app, form, version);
      await onRestored(done.version);
    } catch (err) {
      setFailure(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN');

  return (
    <Drawer open={open} onClose={onClose} title={t('history.title')} size={440} data-testid="history">
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      {state.dirty && <Alert type="warning" showIcon title={t('history.dirtyWarn')} style={{ marginBottom: 12 }} />}
      {!items && !failure && <Spin />}
      {items && !items.length && <Empty description={t('history.empty')} />}
      {items && items.length > 0 && (
        <List
          dataSource={items}
          renderItem={(v) => (
            <List.Item
              data-testid={`version-${v.version}`}
              actions={[
                <Button key="view" size="small" type="link" onClick={() => view(v.version)}>
                  {t('history.view')}
                </Button>,
                <Popconfirm key="restore" title={<div style={{ maxWidth: 280 }}>{t('history.restoreConfirm', { v: v.version })}</div>} onConfirm={() => restore(v.version)} disabled={v.version === current}>
                  <Button size="small" type="link" disabled={v.version === current} loading={busy === v.version} data-testid={`restore-${v.version}`}>
                    {t('history.restore')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {t('history.version', { v: v.version })}
                    {v.version === current && <Tag color="green">{t('history.current')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>
                      {when(v.published_at)}
                      {v.published_by != null
                        ? ` · ${t('history.by', { who: people.get(Number(v.published_by)) ?? `#${v.published_by}` })}`
                        : ''}
                    </div>
                    {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Modal open={viewing !== null} footer={null} onCancel={() => setViewing(null)} width={720} title={viewing ? t('history.version', { v: viewing.version }) : ''}>
        {viewing?.body ? <VersionBody def={viewing.body} /> : <Spin />}
      </Modal>
    </Drawer>
  );
}
