/** A run's state as a coloured tag. */
import { Tag } from "antd";
import { useFlowText } from "./i18n";

const COLOR: Record<string, string> = { running: "processing", waiting: "gold", done: "success", failed: "error",
  cancelled: "default", exited: "purple" };

export default function RunStateTag({ state }: { state: string }) {
  const { t } = useFlowText();
  return <Tag color={COLOR[state] ?? "default"} data-testid="run-state">{t(`runs.states.${state}`, { defaultValue: state })}</Tag>;
}
