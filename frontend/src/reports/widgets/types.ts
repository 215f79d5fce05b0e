/** What each widget component receives, and the content the server answers per type
 * (reports/widgets/*.py `data`). */
import type { Text } from "../../api/types";
import type { Lang } from "../../i18n";
import type { TileDef } from "../types";
import type { ShortcutKind } from "./config";

export interface WidgetProps<D> {
  app: string;
  tile: TileDef;
  data: D;
  lang: Lang;
  /** load the content again (after the widget changed something: a message read, a record saved) */
  reload: () => void;
}

export interface ShortcutItem {
  kind: ShortcutKind;
  target?: string | null;
  label?: Text | null;
  href: string;
}

export interface RecentItem {
  app: string;
  form: string;
  form_label?: Text | null;
  record: number;
  title?: string | null;
  action: "create" | "update" | "restore";
  at?: string | null;
}

export interface TaskItem {
  id: number;
  kind?: string;
  app: string;
  form?: string | null;
  record?: number | null;
  title?: string | null;
  flow_label?: Text | string | null;
  node_label?: Text | string | null;
  created_at?: string | null;
  due_at?: string | null;
  overdue?: boolean | null;
  minutes_left?: number | null;
}

export interface MessageItem {
  id: number;
  app?: string | null;
  title: string;
  urgency?: string | null;
  form?: string | null;
  record?: number | null;
  created_at: string;
  read_at?: string | null;
}

export interface PinnedItem {
  id: string;
  label?: Text | null;
  description?: Text | null;
  href: string;
}

export interface ShortcutsData { items: ShortcutItem[] }
export interface RecentData { items: RecentItem[] }
export interface TasksData { items: TaskItem[]; total: number }
export interface MessagesData { items: MessageItem[]; unread: number }
export interface PinnedData { items: PinnedItem[] }
