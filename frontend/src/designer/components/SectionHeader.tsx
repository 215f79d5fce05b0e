/** A section's title bar: name, columns (1-4), tab and names in both languages, move, remove. */
import { Button, Popconfirm, Popover, Segmented, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { editText } from '../model/text';
import SectionSettings from './SectionSettings';

export default function SectionHeader({ index }: { index: number }) {
  const { t } = useTranslation(NS);
  const { tx, lang } = useLang();
  const { state, dispatch } = useDesigner();
  const layout = state.def.layout!;
  const section = layout[index];
  const title = tx(section.section, `${t('canvas.section')} ${index + 1}`);

  return (
    <div className="td-section-header">
      <Typography.Text
        strong
        className="td-section-title"
        editable={{
          tooltip: false,
          onChange: (value) => {
            const text = value.trim();
            if (text) dispatch({ type: 'updateSection', index, patch: { section: editText(section.section, lang, text) } });
          },
        }}
      >
        {title}
      </Typography.Text>
      <Space size={4} className="td-section-tools">
        <Tooltip title={t('canvas.columns')}>
          <Segmented
            size="small"
            value={section.columns ?? 1}
            options={[1, 2, 3, 4].map((n) => ({ label: String(n), value: n }))}
            onChange={(n) => dispatch({ type: 'updateSection', index, patch: { columns: Number(n) } })}
            data-testid={`section-${index}-columns`}
          />
        </Tooltip>
        <Popover trigger="click" title={t('canvas.editSection')} content={<SectionSettings index={index} />} destroyOnHidden>
          <Button size="small" type="text" icon={<SettingOutlined />} aria-label={t('canvas.editSection')} data-testid={`section-${index}-settings`} />
        </Popover>
        <Tooltip title={t('canvas.moveUp')}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            onClick={() => dispatch({ type: 'moveSection', index, to: index - 1 })}
          />
        </Tooltip>
        <Tooltip title={t('canvas.moveDown')}>
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={index === layout.length - 1}
            onClick={() => dispatch({ type: 'moveSection', index, to: index + 1 })}
          />
        </Tooltip>
        <Popconfirm
          title={t('canvas.removeSectionConfirm')}
          onConfirm={() => dispatch({ type: 'removeSection', index })}
          disabled={layout.length <= 1}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={layout.length <= 1} aria-label={t('canvas.removeSection')} />
        </Popconfirm>
      </Space>
    </div>
  );
}
