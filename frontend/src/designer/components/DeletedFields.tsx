/** Fields deleted from the form (published ones keep their data): listed with a restore button. */
import { Button, Collapse, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';

export default function DeletedFields() {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { state, dispatch } = useDesigner();
  const deleted = state.def.fields.filter((f) => f.deleted);
  if (!deleted.length) return null;
  return (
    <div onClick={(e) => e.stopPropagation()} style={{ marginTop: 16 }}>
    <Collapse
      size="small"
      ghost
      items={[
        {
          key: 'deleted',
          label: t('canvas.deletedFields', { n: deleted.length }),
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('canvas.deletedHint')}
              </Typography.Paragraph>
              {deleted.map((f) => (
                <div key={f.id} className="td-deleted-row" data-testid={`deleted-${f.id}`}>
                  <Typography.Text delete>{tx(f.label, f.id)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {f.id}
                  </Typography.Text>
                  <Button size="small" type="link" icon={<UndoOutlined />} onClick={() => dispatch({ type: 'restoreField', id: f.id })}>
                    {t('canvas.restore')}
                  </Button>
                </div>
              ))}
            </>
          ),
        },
      ]}
    />
    </div>
  );
}
