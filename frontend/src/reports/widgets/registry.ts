/** The widget components by type (the same names as the server's reports/widgets/ registry):
 * a tile holding `widget: {type}` is drawn by the component registered under that type. */
import type { ComponentType, ReactNode } from "react";
import { createElement } from "react";
import { AppstoreOutlined, BellOutlined, CheckSquareOutlined, DashboardOutlined, HistoryOutlined } from "@ant-design/icons";
import type { WidgetType } from "./config";
import DashboardsWidget from "./DashboardsWidget";
import MessagesWidget from "./MessagesWidget";
import RecentWidget from "./RecentWidget";
import ShortcutsWidget from "./ShortcutsWidget";
import TasksWidget from "./TasksWidget";
import type { WidgetProps } from "./types";

export interface WidgetEntry {
  // each component takes its own type's content
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: ComponentType<WidgetProps<any>>;
  icon: ReactNode;
}

export const WIDGETS: Record<WidgetType, WidgetEntry> = {
  shortcuts: { component: ShortcutsWidget, icon: createElement(AppstoreOutlined) },
  tasks: { component: TasksWidget, icon: createElement(CheckSquareOutlined) },
  messages: { component: MessagesWidget, icon: createElement(BellOutlined) },
  recent: { component: RecentWidget, icon: createElement(HistoryOutlined) },
  dashboards: { component: DashboardsWidget, icon: createElement(DashboardOutlined) },
};
