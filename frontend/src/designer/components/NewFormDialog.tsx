/**
 * Creating a form from its Chinese name only: the id is made from the name in pinyin (unique in
 * the app) and shown, editable, under a collapsed 高级 section with the English name. Saved as
 * an empty draft, then the designer opens on it.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api/client';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { formIdFromName } from '../model/autoId';
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
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [taken, setTaken] = useState<string[]>([]);
  /** Whether the id was typed by hand (then the name no longer changes it). */
  const [ownId, setOwnId] = useState(false);

  useEffect(() => {
    designerApi.forms(app).then((forms) => setTaken(forms.map((f) => f.id)), () => setTaken([]));
  }, [app]);

  const onValues = (changed: Partial<Values>, all: Values) => {
    if ('id' in changed) setOwnId(Boolean(changed.id));
    if ('zh' in changed && !ownId) form.setFieldValue('id', all.zh?.trim() ? formIdFromName(all.zh, taken) : '');
  };

  const create = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      const existing = await designerApi.forms(app);
      const id = values.id || formIdFromName(values.zh, existing.map((f) => f.id));
      if (existing.some((f) => f.id === id)) {
        setFailure(t('form.idExists'));
        return;
      }
      const body: FormDefinition = {
        schema_version: 1,
        id,
        label: values.en?.trim() ? { zh: values.zh.trim(), en: values.en.trim() } : { zh: values.zh.trim() },
        fields: [],
        layout: [newSection([], undefined, 2)],
      };
      await designerApi.save(app, id, body);
      navigate(`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(id)}/design`, { replace: true });
    } catch (err) {
      setFailure(errorText(err, langOf(i18n.language)));
    } finally {
      setBusy(false);
    }
  };

  const advanced = (
    <>
      <Form.Item
        name="id"
        label={t('form.id')}
        extra={t('words.formIdHelp')}
        rules={[
          {
            validator: (_, value: string | undefined) => {
              if (!value) return Promise.resolve(); // made from the name on create
              const problem = formIdProblem(value, taken);
              if (!problem) return Promise.resolve();
              if (problem === 'duplicate') return Promise.reject(new Error(t('form.idExists')));
              return Promise.reject(new Error(problem === 'pattern' ? t('form.idPattern') : t(`props.idErrors.${problem}`)));
            },
          },
        ]}
      >
        <Input placeholder="ke_hu_bai_fang" data-testid="new-form-id" spellCheck={false} />
      </Form.Item>
      <Form.Item name="en" label={t('form.labelEn')} extra={t('words.enHelp')}>
        <Input placeholder="Customer visit" data-testid="new-form-en" />
      </Form.Item>
    </>
  );

  return (
    <div className="td-new-form">
      <Card title={t('newTitle')} style={{ width: 520, maxWidth: '100%' }} data-testid="new-form">
        <Form<Values> form={form} layout="vertical" onFinish={create} onValuesChange={onValues} requiredMark>
          <Form.Item name="zh" label={t('form.name')} rules={[{ required: true, whitespace: true, message: t('form.labelRequired') }]}>
            <Input autoFocus placeholder="客户拜访" data-testid="new-form-zh" />
          </Form.Item>
          <Collapse
            ghost
            size="small"
            className="td-advanced"
            items={[{ key: 'advanced', label: <span data-testid="new-form-advanced">{t('words.advanced')}</span>, children: advanced, forceRender: true }]}
          />
          {failure && <Alert type="error" showIcon title={failure} style={{ margin: '16px 0' }} />}
          <Space style={{ marginTop: 16 }}>
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
