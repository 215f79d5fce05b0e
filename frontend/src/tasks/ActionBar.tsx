/** The task's buttons, per its `actions`: the first (同意 / 办理) primary, 驳回 red; each opens the
 * action's modal. */
import { Button } from "antd";
import { DANGER_ACTIONS } from "./actions";
import { useTaskText } from "./i18n";
import type { TaskAction } from "./types";

export default function ActionBar({ actions, onPick }: { actions: TaskAction[]; onPick: (a: TaskAction) => void }) {
  const { t } = useTaskText();
  if (!actions.length) return null;
  return (
    <div className="trellis-task-bar" data-testid="task-actions">
      {actions.map((a, i) => (
        <Button key={a} type={i === 0 && a !== "comment" ? "primary" : "default"} danger={DANGER_ACTIONS.has(a)}
          onClick={() => onPick(a)} data-testid={`task-action-${a}`}>
          {t(`actions.${a}`)}
        </Button>
      ))}
    </div>
  );
}
