/**
 * Publishing: save the draft, then say what the publish will change in words a business user
 * reads (model/impact.ts): the server's preview of the table changes, the draft against the
 * published version, how many records a newly required field finds empty, and where new
 * fields show in the grid. Then publish.
 */
import { useEffect, useState } from 'react';
import { Alert, Input, List, Modal, Spin, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { defaultColumns } from '../../grid/gridState';
import { publishedInfo } from '../hooks/useDesignerData';
import { describeImpact, newlyRequired } from '../model/impact';
import type { ImpactLine } from '../model/impact';
import type { FormDefinition, ImpactPreview } from '../model/types';

/** How many columns the grid shows when no view chose them (grid/gridState.ts `defaultColumns`). */
const GRID_LIMIT = 8;

interface Found {
  preview: ImpactPreview;
  published: FormDefinition | null;
  empties: Record<string, number>;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Save the draft first; false when saving failed (the dialog then closes). */
  ensureSaved: () => Promise<boolean>;
  publish: (note: string) => Promise<boolean>;
  /** Problems the preview found (highlighted on the canvas too). */
  onProblems: (problems: ImpactPreview['problems']) => void;
}

const ICON = {
  info: <CheckCircleTwoTone twoToneColor="#52c41a" />,
  warning: <WarningTwoTone twoToneColor="#faad14" />,
  error: <CloseCircleTwoTone twoToneColor="#ff4d4f" />,
};

export default function PublishDialog({ open, onClose, ensureSaved, publish, onProblems }: Props) {
  const { t } = useTranslation(NS);
  const { tx } = useLang();
  const { app, state, typeOf } = useDesigner();
  const [found, setFound] = useState<Found | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const formId = state.def.id;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setFound(null);
    setFailure(null);
    setNote('');
    (async () => {
      if (!(await ensureSaved())) {
        if (live) onClose();
        return;
      }
      try {
        const [preview, info] = await Promise.all([designerApi.preview(app, formId), publishedInfo(app, formId)]);
        const required = newlyRequired(state.def, info.body);
        const counts = await Promise.all(required.map((f) => designerApi.emptyCount(app, formId, f).catch(() => undefined)));
        const empties: Record<string, number> = {};
        required.forEach((f, i) => {
          if (counts[i] !== undefined) empties[f] = counts[i]!;
        });
        if (!live) return;
        setFound({ preview, published: info.body, empties });
        if (preview.problems.length) onProblems(preview.problems);
      } catch (err) {
        if (live) setFailure(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
    };
    // Runs each time the dialog opens.
  }, [open]);

  const byId = new Map(state.def.fields.map((f) => [f.id, f]));
  const label = (id: string) => {
    const [head, child] = id.split('.');
    const f = byId.get(head);
    const name = tx(f?.label, head);
    return child ? `${name}.${tx(f?.fields?.find((c) => c.id === child)?.label, child)}` : name;
  };
  const impact = found?.preview ?? null;
  const lines: ImpactLine[] = found
    ? describeImpact(
      {
        changes: found.preview.changes,
        draft: state.def,
        published: found.published,
        empties: found.empties,
        gridColumns: defaultColumns({ ...state.def, fields: state.def.fields.filter((f) => !f.deleted), actions: [] }, GRID_LIMIT),
        gridLimit: GRID_LIMIT,
      },
      { t: (k, p) => String(t(k, { ...p })), label, typeLabel: (key) => tx(typeOf(key)?.label, key) },
    )
    : [];
  const problems = impact?.problems ?? [];

  return (
    <Modal
      open={open}
      title={t('publish.title')}
      okText={t('publish.confirm')}
      cancelText={t('cond.cancel')}
      onCancel={onClose}
      okButtonProps={{ disabled: !impact || problems.length > 0, loading: busy, ...({ 'data-testid': 'publish-confirm' } as Record<string, string>) }}
      onOk={async () => {
        setBusy(true);
        const done = await publish(note.trim());
        setBusy(false);
        if (done) onClose();
      }}
      destroyOnHidden
      width={620}
    >
      <div data-testid="publish-dialog">
        {!impact && !failure && (
          <Spin tip={t('publish.checking')}>
            <div style={{ height: 80 }} />
          </Spin>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
        {impact && (
          <>
            {lines.length ? (
              <>
                <Typography.Paragraph>{t('publish.changes')}</Typography.Paragraph>
                <List
                  size="small"
                  bordered
                  dataSource={lines}
                  renderItem={(line) => (
                    <List.Item data-testid="impact-line">
                      <span style={{ marginRight: 8 }}>{ICON[line.level]}</span>
                      {line.text}
                    </List.Item>
                  )}
                />
              </>
            ) : (
              <Alert type="info" showIcon title={t('publish.noChanges')} />
            )}
            {problems.length > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                title={t('publish.problems')}
                description={
                  <ul className="td-problem-list">
                    {problems.map((p, i) => (
                      <li key={i}>{typeof p.message === 'string' ? p.message : tx(p.message, p.pointer)}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <Input.TextArea
              style={{ marginTop: 12 }}
              placeholder={t('publish.note')}
              value={note}
              maxLength={200}
              autoSize={{ minRows: 1, maxRows: 3 }}
              onChange={(e) => setNote(e.target.value)}
              data-testid="publish-note"
            />
          </>
        )}
      </div>
    </Modal>
  );
}
