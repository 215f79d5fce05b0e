/** Creating a form: its id and labels, saved as an empty draft, then the designer opens on it. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api/client';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { formIdProblem } from '../model/ids';
import { newSection } from '../model/layout';
import { langOf } from '../model/text';
import type { FormDefinition } from '../model/types';

interface Values {
  id: string;
  zh: string;
  en?: string;
}

export default function NewFormDialog({ app }: { app: string }) {
  const { t, i18n } = useTranslation(NS);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const create = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      const existing = await designerApi.forms(app);
      if (existing.some((f) => f.id === values.id)) {
        setFailure(t('form.idExists'));
        return;
      }
      const body: FormDefinition = {
        schema_version: 1,
        id: values.id,
        label: values.en?.trim() ? { zh: values.zh.trim(), en: values.en.trim() } : { zh: values.zh.trim() },
        fields: [],
        layout: [newSection([], undefined, 2)],
      };
      await designerApi.save(app, values.id, body);
      navigate(`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(values.id)}/design`, { replace: true });
    } catch (err) {
      setFailure(errorText(err, langOf(i18n.language)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }}>
      <Card title={t('newTitle')} style={{ width: 520 }} data-testid="new-form">
        <Form<Values> layout="vertical" onFinish={create} requiredMark>
          <Form.Item
            name="id"
            label={t('form.id')}
            extra={t('form.idHelp')}
            rules={[
              {
                validator: (_, value: string | undefined) => {
                  const problem = formIdProblem(value ?? '');
                  if (!problem) return Promise.resolve();
                  return Promise.reject(new Error(problem === 'pattern' ? t('form.idPattern') : t(`props.idErrors.${problem}`)));
                },
              },
            ]}
            required
          >
            <Input autoFocus placeholder="customer_visit" data-testid="new-form-id" />
          </Form.Item>
          <Form.Item name="zh" label={t('form.labelZh')} rules={[{ required: true, whitespace: true, message: t('form.labelRequired') }]}>
            <Input placeholder="客户拜访" data-testid="new-form-zh" />
          </Form.Item>
          <Form.Item name="en" label={t('form.labelEn')}>
            <Input placeholder="Customer visit" data-testid="new-form-en" />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="new-form-create">
              {t('form.create')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('cond.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
