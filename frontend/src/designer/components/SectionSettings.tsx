/** The section settings popover: the section's and its tab's names in Chinese and English. */
import { AutoComplete, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n';
import { useDesigner } from '../hooks/designerContext';
import { editText } from '../model/text';

export default function SectionSettings({ index }: { index: number }) {
  const { t } = useTranslation(NS);
  const { state, dispatch } = useDesigner();
  const section = state.def.layout![index];
  const tabs = [...new Set((state.def.layout ?? []).map((s) => s.tab?.zh?.trim() ?? '').filter(Boolean))];
  const set = (key: 'section' | 'tab', lang: 'zh' | 'en', value: string) => {
    dispatch({ type: 'updateSection', index, patch: { [key]: editText(section[key], lang, value) } });
  };
  return (
    <Form layout="vertical" size="small" style={{ width: 280 }}>
      <Form.Item label={t('canvas.sectionName')} style={{ marginBottom: 8 }}>
        <Input value={section.section?.zh ?? ''} onChange={(e) => set('section', 'zh', e.target.value)} />
      </Form.Item>
      <Form.Item label={t('canvas.sectionNameEn')} style={{ marginBottom: 8 }}>
        <Input value={section.section?.en ?? ''} onChange={(e) => set('section', 'en', e.target.value)} />
      </Form.Item>
      <Form.Item label={t('canvas.tabName')} style={{ marginBottom: 8 }}>
        <AutoComplete
          value={section.tab?.zh ?? ''}
          allowClear
          options={tabs.map((tab) => ({ value: tab }))}
          onChange={(value: string) => set('tab', 'zh', value ?? '')}
          onSelect={(value: string) => {
            const same = state.def.layout?.find((s) => s.tab?.zh?.trim() === value)?.tab;
            if (same) dispatch({ type: 'updateSection', index, patch: { tab: same } });
          }}
        />
      </Form.Item>
      <Form.Item label={t('canvas.tabNameEn')} style={{ marginBottom: 0 }}>
        <Input value={section.tab?.en ?? ''} onChange={(e) => set('tab', 'en', e.target.value)} />
      </Form.Item>
    </Form>
  );
}
