/**
 * The form designer page: `/apps/:app/forms/:form/design` edits a form's draft;
 * `/apps/:app/forms/new/design` first asks for the new form's id and labels.
 */
import './i18n';
import './designer.css';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorText } from '../api/client';
import { langOf } from './model/text';
import { NS } from './i18n';
import { useDesignerData } from './hooks/useDesignerData';
import DesignerWorkspace from './components/DesignerWorkspace';
import NewFormDialog from './components/NewFormDialog';

function DesignerLoader({ app, form }: { app: string; form: string }) {
  const { t, i18n } = useTranslation(NS);
  const { data, error, retry } = useDesignerData(app, form);
  if (error) {
    return (
      <Result
        status="error"
        title={t('loadFailed')}
        subTitle={errorText(error, langOf(i18n.language))}
        extra={<Button onClick={retry}>{t('retry')}</Button>}
      />
    );
  }
  if (!data) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip={t('loading')}>
          <div style={{ height: 80 }} />
        </Spin>
      </div>
    );
  }
  return <DesignerWorkspace app={app} data={data} />;
}

export default function DesignerPage() {
  const { app = '', form = '' } = useParams();
  if (form === 'new') return <NewFormDialog app={app} />;
  return <DesignerLoader key={`${app}/${form}`} app={app} form={form} />;
}
