/** "运行流程 / Run flow": the form's manual flows in a menu; the chosen one starts on the given
 * records (the record page's one, or a grid selection). Hidden when the form has none. */
import { DownOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Dropdown } from "antd";
import { useState } from "react";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";

interface Props {
  app: string;
  form: string;
  records: number[];
  size?: "small" | "middle";
  onStarted?: (runs: number[]) => void;
}

export default function RunFlowButton({ app, form, records, size, onStarted }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const { data } = useAsync(() => flowApi.manualFlows(app, form).catch(() => []), [app, form]);
  if (!data?.length) return null;
  const start = async (key: string) => {
    const flow = data.find((f) => f.key === key);
    const name = tx(flow?.label ?? undefined, key);
    setBusy(true);
    try {
      const r = await flowApi.start(app, key, records);
      const n = r.runs?.length ?? 0;
      if (!n) message.info(t("record.noneStarted", { name }));
      else message.success(records.length > 1 ? t("record.startedMany", { name, n }) : t("record.started", { name }));
      onStarted?.(r.runs ?? []);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown trigger={["click"]} menu={{
      items: data.map((f) => ({ key: f.key, label: <span data-testid={`run-flow-${f.key}`}>{tx(f.button ?? f.label ?? undefined, f.key)}</span> })),
      onClick: ({ key }) => void start(key),
    }}>
      <Button size={size} icon={<PlayCircleOutlined />} loading={busy} data-testid="run-flow">
        {t("record.run")} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
