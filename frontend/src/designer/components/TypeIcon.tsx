/** The icon of a field type (palette, canvas cards); a generic one for types added by plugins. */
import {
  ApartmentOutlined, AppstoreOutlined, CalculatorOutlined, FunctionOutlined, NodeIndexOutlined, CalendarOutlined, CheckCircleOutlined, CheckSquareOutlined,
  CodeOutlined, DeploymentUnitOutlined, FieldNumberOutlined, FieldTimeOutlined, FileTextOutlined,
  FontSizeOutlined, LinkOutlined, MailOutlined, MobileOutlined, NumberOutlined, OrderedListOutlined,
  PaperClipOutlined, PayCircleOutlined, PercentageOutlined, TableOutlined, UnorderedListOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

const ICONS: Record<string, ComponentType> = {
  text: FontSizeOutlined,
  long_text: FileTextOutlined,
  integer: NumberOutlined,
  decimal: FieldNumberOutlined,
  money: PayCircleOutlined,
  percent: PercentageOutlined,
  boolean: CheckSquareOutlined,
  date: CalendarOutlined,
  datetime: FieldTimeOutlined,
  single_select: CheckCircleOutlined,
  multi_select: UnorderedListOutlined,
  email: MailOutlined,
  mobile: MobileOutlined,
  url: LinkOutlined,
  auto_number: OrderedListOutlined,
  user: UserOutlined,
  relation: DeploymentUnitOutlined,
  sub_table: TableOutlined,
  attachment: PaperClipOutlined,
  json: CodeOutlined,
  department: ApartmentOutlined,
  formula: FunctionOutlined,
  lookup: NodeIndexOutlined,
  rollup: CalculatorOutlined,
};

export default function TypeIcon({ type }: { type: string }) {
  const Icon = ICONS[type] ?? AppstoreOutlined;
  return <Icon />;
}
