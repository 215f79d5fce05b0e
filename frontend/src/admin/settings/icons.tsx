/** The icons an app may take (antd icons by name, as an app definition's `icon` names them). */
import {
  AppstoreOutlined, AuditOutlined, BankOutlined, BarChartOutlined, CalendarOutlined, CustomerServiceOutlined,
  DatabaseOutlined, FileTextOutlined, FundOutlined, HomeOutlined, ProjectOutlined, RocketOutlined, SafetyOutlined,
  ShopOutlined, ShoppingCartOutlined, SolutionOutlined, TeamOutlined, ToolOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

export const APP_ICONS: Record<string, ComponentType> = {
  AppstoreOutlined, FundOutlined, TeamOutlined, BankOutlined, ShopOutlined, CustomerServiceOutlined, SolutionOutlined,
  ProjectOutlined, DatabaseOutlined, BarChartOutlined, AuditOutlined, CalendarOutlined, FileTextOutlined, HomeOutlined,
  RocketOutlined, SafetyOutlined, ShoppingCartOutlined, ToolOutlined,
};

export function AppIcon({ name }: { name?: string }) {
  const Icon = (name && APP_ICONS[name]) || AppstoreOutlined;
  return <Icon />;
}
