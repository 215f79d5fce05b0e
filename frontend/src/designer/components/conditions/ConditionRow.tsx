/** One condition of the selected field (visible / required / read-only): in words, edit, clear. */
import { Suspense, lazy, useState } from 'react';
import { Button, Modal, Space, Spin, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/text';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { describeLogic } from '../../model/logicText';
import type { ConditionKey, FieldDef, JsonLogic } from '../../model/types';

const ConditionBuilder = lazy(() => import('../../conditions/ConditionBuilder'));

interface Props {
  field: FieldDef;
  which: ConditionKey;
}

export default function ConditionRow({ field, which }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch } = useDesigner();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<JsonLogic>(null);
  const value = field[which] ?? null;
  const fields = state.def.fields;
  const byId = new Map(fields.map((f) => [f.id, f]));
  const words = describeLogic(value, {
    ops: t('cond.operators', { returnObjects: true }) as Record<string, string>,
    and: t('cond.and'),
    or: t('cond.or'),
    not: t('cond.not'),
    field: (id) => tx(byId.get(id)?.label, id),
    choice: (id) => Boolean(byId.get(id)?.options),
    value: (id, v) => {
      const option = byId.get(id)?.options?.find((o) => o.value === v);
      if (option) return tx(option.label, option.value);
      if (typeof v === 'boolean') return t(v ? 'props.yes' : 'props.no');
      return typeof v === 'string' ? `“${v}”` : JSON.stringify(v);
    },
  });
  const set = (logic: JsonLogic) => dispatch({ type: 'updateField', id: field.id, patch: { [which]: logic ?? undefined } });

  return (
    <div className="td-condition-row" data-testid={`cond-${which}`}>
      <div className="td-condition-head">
        <Typography.Text strong>{t(`cond.${which}`)}</Typography.Text>
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              setPending(value);
              setOpen(true);
            }}
            data-testid={`cond-${which}-edit`}
          >
            {t('cond.edit')}
          </Button>
          {value !== null && (
            <Button size="small" type="text" danger onClick={() => set(null)} data-testid={`cond-${which}-clear`}>
              {t('cond.clear')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {t(`cond.${which}Help`)}
      </Typography.Paragraph>
      <div className={`td-condition-text${words ? '' : ' td-muted'}`} data-testid={`cond-${which}-text`}>
        {words ?? t('cond.none')}
      </div>
      <Modal
        open={open}
        width={860}
        title={`${tx(field.label, field.id)} · ${t(`cond.${which}`)}`}
        okText={t('cond.apply')}
        cancelText={t('cond.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => {
          set(pending);
          setOpen(false);
        }}
        destroyOnHidden
        okButtonProps={{ ...({ 'data-testid': 'cond-apply' } as Record<string, string>) }}
      >
        <Suspense fallback={<Spin tip={t('cond.loading')}><div style={{ height: 80 }} /></Spin>}>
          <ConditionBuilder fields={fields} self={field.id} value={value} onChange={setPending} />
        </Suspense>
      </Modal>
    </div>
  );
}
