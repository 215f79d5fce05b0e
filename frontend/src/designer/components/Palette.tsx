/** The palette: the server's field types (GET /field-types), filterable by name. */
import { useMemo, useState } from 'react';
import { Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { paletteGroups } from '../model/paletteGroups';
import PaletteItem from './PaletteItem';

export default function Palette() {
  const { t } = useTranslation(NS);
  const { types, dispatch, currentSection } = useDesigner();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return types;
    return types.filter((ty) =>
      [ty.key, ty.label.zh ?? '', ty.label.en ?? ''].some((s) => s.toLowerCase().includes(q)),
    );
  }, [types, query]);

  return (
    <aside className="td-palette" data-testid="palette">
      <Typography.Title level={5} style={{ margin: '0 0 4px' }}>
        {t('palette.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('palette.hint')}
      </Typography.Paragraph>
      <Input
        allowClear
        size="small"
        prefix={<SearchOutlined />}
        placeholder={t('palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {paletteGroups(shown).map((group) => (
        <div key={group.key} className="td-palette-group">
          <div className="td-palette-group-title">{t(`palette.groups.${group.key}`)}</div>
          <div className="td-palette-grid">
            {group.types.map((type) => (
              <PaletteItem
                key={type.key}
                type={type}
                onAdd={() => dispatch({ type: 'addField', fieldType: type, section: currentSection, index: Number.MAX_SAFE_INTEGER })}
              />
            ))}
          </div>
        </div>
      ))}
    </aside>
  );
}
