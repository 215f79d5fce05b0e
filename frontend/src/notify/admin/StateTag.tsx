/** A delivery's state as a coloured tag (排队中 / 已发送 / 失败 ...). */
import { Tag } from "antd";
import { STATE_COLOR } from "../format";
import { useNotifyText } from "../i18n";

export default function StateTag({ state }: { state: string }) {
  const { t } = useNotifyText();
  return <Tag color={STATE_COLOR[state] ?? "default"} data-testid="state-tag" data-state={state}>{t(`state.${state}`, state)}</Tag>;
}
