/** The designer's top bar: form name and state, design/preview, undo/redo, save, publish, versions. */
import { Badge, Button, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined, CloudUploadOutlined, EyeOutlined, HistoryOutlined, LayoutOutlined, RedoOutlined, SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import PublicLinkButton from '../../publicforms/PublicLinkButton';

export type Mode = 'design' | 'preview';

interface Props {
  mode: Mode;
  onMode: (mode: Mode) => void;
  saving: boolean;
  publishedVersion: number | null;
  onSave: () => void;
  onPublish: () => void;
  onHistory: () => void;
}

export default function DesignerToolbar({ mode, onMode, saving, publishedVersion, onSave, onPublish, onHistory }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const navigate = useNavigate();
  const { app, state, dispatch } = useDesigner();

  return (
    <div className="td-toolbar" data-testid="designer-toolbar">
      <Space size={8} className="td-toolbar-left">
        <Tooltip title={t('toolbar.back')}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() =>
              navigate(publishedVersion ? `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(state.def.id)}` : `/apps/${encodeURIComponent(app)}`)
            } />
        </Tooltip>
        <Typography.Text strong className="td-form-title" data-testid="designer-title">
          {tx(state.def.label, state.def.id)}
        </Typography.Text>
        {publishedVersion ? <Tag color="green">{t('toolbar.version', { v: publishedVersion })}</Tag> : <Tag>{t('toolbar.neverPublished')}</Tag>}
        {state.dirty && <Badge status="warning" text={t('toolbar.unsaved')} data-testid="unsaved" />}
      </Space>
      <Segmented<Mode>
        value={mode}
        onChange={onMode}
        options={[
          { value: 'design', label: t('toolbar.design'), icon: <LayoutOutlined /> },
          { value: 'preview', label: t('toolbar.preview'), icon: <EyeOutlined /> },
        ]}
        data-testid="mode-switch"
      />
      <Space size={4} className="td-toolbar-right">
        <Tooltip title={t('toolbar.undo')}>
          <Button type="text" icon={<UndoOutlined />} disabled={!state.past.length} onClick={() => dispatch({ type: 'undo' })} data-testid="undo" />
        </Tooltip>
        <Tooltip title={t('toolbar.redo')}>
          <Button type="text" icon={<RedoOutlined />} disabled={!state.future.length} onClick={() => dispatch({ type: 'redo' })} data-testid="redo" />
        </Tooltip>
        <PublicLinkButton app={app} form={state.def.id} published={Boolean(publishedVersion)} />
        <Button icon={<HistoryOutlined />} onClick={onHistory} data-testid="open-history">
          {t('toolbar.history')}
        </Button>
        <Button icon={<SaveOutlined />} loading={saving} onClick={onSave} data-testid="save-draft">
          {t('toolbar.save')}
        </Button>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={onPublish} data-testid="publish">
          {t('toolbar.publish')}
        </Button>
      </Space>
    </div>
  );
}
