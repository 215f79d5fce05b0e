/** The formula editor's function picker: the server's functions grouped by category, searchable
 * by name, alias or help, each with its help and example; choosing one inserts `NAME(`. */
import { FunctionOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Popover, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../../hooks/useAsync';
import { useLang } from '../../../i18n/text';
import { formulaApi } from '../../computed/api';
import { COMPUTED_NS } from '../../computed/i18n';
import { groupFunctions, type FormulaFunction } from '../../model/formulaText';

interface Props {
  onPick: (fn: FormulaFunction) => void;
}

export default function FunctionPicker({ onPick }: Props) {
  const { t } = useTranslation(COMPUTED_NS);
  const { tx } = useLang();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [hover, setHover] = useState<FormulaFunction | null>(null);
  const { data: fns } = useAsync(() => formulaApi.functions(), []);
  const groups = useMemo(() => groupFunctions(fns ?? [], query), [fns, query]);
  const shown = hover ?? groups[0]?.items[0] ?? null;

  const pick = (fn: FormulaFunction) => {
    onPick(fn);
    setOpen(false);
    setQuery('');
  };
  const content = (
    <div className="td-fn-picker" data-testid="formula-functions">
      <Input size="small" allowClear autoFocus placeholder={t('formula.searchFunction')} value={query}
        onChange={(e) => setQuery(e.target.value)}
        onPressEnter={() => { const first = groups[0]?.items[0]; if (first) pick(first); }} />
      <div className="td-fn-body">
        <div className="td-fn-list">
          {!groups.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {groups.map((g) => (
            <div key={g.category}>
              <div className="td-fn-cat">{t(`formula.categories.${g.category}`, { defaultValue: g.category })}</div>
              {g.items.map((fn) => (
                <button type="button" key={fn.name} className={`td-fn-item${shown?.name === fn.name ? ' active' : ''}`}
                  onMouseEnter={() => setHover(fn)} onFocus={() => setHover(fn)} onClick={() => pick(fn)}
                  data-fn={fn.name}>
                  <code>{fn.name}</code>
                  {fn.aliases?.length ? <span className="td-fn-alias">{fn.aliases.join(' · ')}</span> : null}
                </button>
              ))}
            </div>
          ))}
        </div>
        {shown && (
          <div className="td-fn-help" data-testid="formula-function-help">
            <Typography.Text strong><code>{shown.name}</code></Typography.Text>
            {shown.type && <Typography.Text type="secondary"> → {t(`formula.types.${shown.type}`, { defaultValue: shown.type })}</Typography.Text>}
            <Typography.Paragraph style={{ margin: '6px 0' }}>{tx(shown.help)}</Typography.Paragraph>
            {shown.example && (
              <>
                <Typography.Text type="secondary">{t('formula.example')}</Typography.Text>
                <pre className="td-fn-example">{shown.example}</pre>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomLeft" arrow={false}
      destroyOnHidden>
      <Button size="small" icon={<FunctionOutlined />} data-testid="formula-insert-function">{t('formula.insertFunction')}</Button>
    </Popover>
  );
}
