/** What the inbox's two lists (the desktop table, the phone cards) show of an item, said once:
 * its title, kind, flow and step, and whom a started run waits for. */
import { useLang } from "../i18n/text";
import { useTaskText } from "./i18n";
import type { InboxItem, InboxTab } from "./types";

/** The props both lists take. */
export interface TaskListProps {
  tab: InboxTab;
  items: InboxItem[];
  loading: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
  onOpen: (item: InboxItem) => void;
  onChanged: () => void;
}

export function itemTitle(r: InboxItem): string {
  return r.title || `#${r.record ?? r.id}`;
}

export function useItemText() {
  const { t } = useTaskText();
  const { tx, lang } = useLang();
  return {
    kind: (r: InboxItem) => (r.kind ? t(`kind.${r.kind}`, { defaultValue: r.kind }) : ""),
    flow: (r: InboxItem) => tx(r.flow_label, r.flow ?? ""),
    step: (r: InboxItem) => (r.node_label || r.node ? tx(r.node_label, r.node ?? "") : ""),
    waiting: (r: InboxItem) => (r.waiting_for ?? []).join(lang === "en" ? ", " : "、"),
  };
}
