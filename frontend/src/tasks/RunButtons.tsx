/** The initiator's buttons on a run they started: 撤回 withdraw and 催办 urge, each confirmed; the
 * server's refusal (someone already acted, urged too often) is shown in the user's language. */
import { App, Button, Popconfirm, Space } from "antd";
import { useState } from "react";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { runActions } from "./actions";
import { taskApi } from "./api";
import { useTaskText } from "./i18n";
import type { InboxItem } from "./types";

interface Props {
  item: Pick<InboxItem, "app" | "id" | "run" | "status" | "state" | "actions">;
  size?: "small" | "middle";
  onDone: () => void;
}

export default function RunButtons({ item, size = "small", onDone }: Props) {
  const { t } = useTaskText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = item.run ?? item.id;
  const act = async (what: "withdraw" | "urge") => {
    setBusy(what);
    try {
      if (what === "withdraw") await taskApi.withdraw(item.app, run);
      else await taskApi.urge(item.app, run);
      message.success(t(`done.${what}`));
      onDone();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  };
  const actions = runActions(item);
  if (!actions.length) return null;
  return (
    <Space size={4} onClick={(e) => e.stopPropagation()}>
      {actions.map((a) => (
        <Popconfirm key={a} title={t(a === "withdraw" ? "modal.withdrawConfirm" : "modal.urgeConfirm")}
          okText={t("common.ok")} cancelText={t("common.cancel")} onConfirm={() => void act(a)}>
          <Button size={size} danger={a === "withdraw"} loading={busy === a} data-testid={`run-${a}-${run}`}>{t(`actions.${a}`)}</Button>
        </Popconfirm>
      ))}
    </Space>
  );
}
