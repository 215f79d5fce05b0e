/** A collapsed 高级 (Advanced) section: settings for developers and integrations, each with a plain explanation. */
import type { ReactNode } from 'react';
import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';

interface Props {
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ReactNode;
  testId: string;
}

export default function AdvancedSection({ open, onToggle, children, testId }: Props) {
  const { t } = useTranslation(NS);
  return (
    <Collapse
      ghost
      size="small"
      className="td-advanced"
      activeKey={open ? ['advanced'] : []}
      onChange={(keys) => onToggle((Array.isArray(keys) ? keys : [keys]).includes('advanced'))}
      items={[
        {
          key: 'advanced',
          label: <span data-testid={testId}>{t('words.advanced')}</span>,
          children: (
            <div data-testid={`${testId}-body`}>
              <Typography.Paragraph type="secondary" className="td-advanced-hint">{t('words.advancedHint')}</Typography.Paragraph>
              {children}
            </div>
          ),
        },
      ]}
    />
  );
}
