/** The canvas: the form's sections (grouped in tabs when the layout has tabs), a drop target. */
import { Fragment, useState } from 'react';
import { Button, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { CANVAS } from '../model/dnd';
import { DEFAULT_SECTION_LABEL, hasTabs, tabGroups } from '../model/layout';
import { editText } from '../model/text';
import type { TabGroup } from '../model/layout';
import DeletedFields from './DeletedFields';
import SectionBlock from './SectionBlock';
import SectionGap from './SectionGap';

export default function Canvas() {
  const { t } = useTranslation(NS);
  const { tx, lang } = useLang();
  const { state, dispatch } = useDesigner();
  const layout = state.def.layout ?? [];
  const { setNodeRef } = useDroppable({ id: CANVAS, data: { kind: 'canvas' } });
  const groups = tabGroups(layout);
  const tabbed = hasTabs(layout);
  const [activeTab, setActiveTab] = useState<string | undefined>(undefined);
  const current = groups.find((g) => g.key === activeTab) ?? groups[0];

  const newSectionLabel = { zh: t('canvas.newSection', { lng: 'zh-CN' }), en: t('canvas.newSection', { lng: 'en' }) };
  const addSection = (group?: TabGroup) => {
    const at = group ? Math.max(...group.sections) + 1 : layout.length;
    dispatch({ type: 'addSection', at, tab: group?.tab, label: newSectionLabel });
  };
  const addTab = () => {
    const n = groups.filter((g) => g.key).length + 1;
    const tab = { zh: `${t('canvas.newTab', { lng: 'zh-CN' })}${n}`, en: `${t('canvas.newTab', { lng: 'en' })} ${n}` };
    if (!tabbed) dispatch({ type: 'setTab', sections: layout.map((_, i) => i), tab: { ...DEFAULT_SECTION_LABEL } });
    dispatch({ type: 'addSection', tab, label: newSectionLabel });
    setActiveTab(tab.zh);
  };
  const renameTab = (group: TabGroup, text: string) => {
    const value = text.trim();
    if (!value || !group.key) return;
    const tab = editText(group.tab, lang, value);
    dispatch({ type: 'setTab', sections: group.sections, tab });
    if (tab?.zh) setActiveTab(tab.zh);
  };

  const sections = (group: TabGroup) => (
    <>
      {group.sections.map((index) => (
        <Fragment key={index}>
          <SectionBlock index={index} />
          <SectionGap index={index} />
        </Fragment>
      ))}
      <Button type="dashed" block icon={<PlusOutlined />} onClick={() => addSection(tabbed ? group : undefined)} data-testid="add-section">
        {t('canvas.addSection')}
      </Button>
    </>
  );

  return (
    <div ref={setNodeRef} className="td-canvas" data-testid="canvas" onClick={() => dispatch({ type: 'select', id: null })}>
      <div className="td-canvas-paper">
        {tabbed ? (
          <Tabs
            activeKey={current?.key}
            onChange={setActiveTab}
            tabBarExtraContent={
              <Button size="small" type="text" icon={<PlusOutlined />} onClick={addTab} data-testid="add-tab">
                {t('canvas.addTab')}
              </Button>
            }
            items={groups.map((g) => ({
              key: g.key,
              label: g.key ? (
                <Typography.Text editable={{ tooltip: false, onChange: (text) => renameTab(g, text) }} data-testid={`tab-${g.key}`}>
                  {tx(g.tab, g.key)}
                </Typography.Text>
              ) : (
                t('canvas.noTab')
              ),
              children: sections(g),
            }))}
          />
        ) : (
          <>
            {current && sections(current)}
            <Space style={{ marginTop: 8 }}>
              <Button size="small" type="link" icon={<PlusOutlined />} onClick={addTab} data-testid="add-tab">
                {t('canvas.addTab')}
              </Button>
            </Space>
          </>
        )}
        <DeletedFields />
      </div>
    </div>
  );
}
