/** A task in a drawer beside the inbox (desktop). */
import { Drawer } from "antd";
import { useTaskText } from "./i18n";
import TaskView from "./TaskView";
import type { TaskAction } from "./types";

export default function TaskDrawer({ id, onClose, onActed }: { id: number; onClose: () => void; onActed: (a: TaskAction) => void }) {
  const { t } = useTaskText();
  return (
    <Drawer open size={Math.min(860, window.innerWidth - 40)} title={t("task.title")} onClose={onClose} destroyOnHidden data-testid="task-drawer">
      <TaskView id={id} onActed={onActed} />
    </Drawer>
  );
}
