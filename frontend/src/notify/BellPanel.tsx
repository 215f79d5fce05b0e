/** The bell's list: tabs 未读 / 已读 / 全部, the messages (opening one marks it read and goes to its
 * record), "mark all read" and the way to the message center. Loaded when the bell first opens. */
import { App, Button, Tabs } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { recordLink } from "./format";
import { useNotifyText } from "./i18n";
import MessageList from "./MessageList";
import type { Message, MessageState } from "./types";
import { useMessages } from "./useMessages";
import "./notify.css";

const TABS: MessageState[] = ["unread", "read", "all"];

export default function BellPanel({ onClose }: { onClose: () => void }) {
  const { t } = useNotifyText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [state, setState] = useState<MessageState>("unread");
  const list = useMessages(state, 10);

  const open = (m: Message) => {
    list.markRead(m).catch((err: unknown) => message.error(errorText(err, lang)));
    const to = recordLink(m);
    if (to) {
      onClose();
      navigate(to);
    }
  };
  const markAll = () => list.markAllRead().then(() => message.success(t("bell.allRead")),
    (err: unknown) => message.error(errorText(err, lang)));

  return (
    <div className="trellis-bell-panel" data-testid="bell-panel">
      <Tabs
        size="small"
        activeKey={state}
        onChange={(k) => setState(k as MessageState)}
        items={TABS.map((k) => ({ key: k, label: t(`tabs.${k}`) }))}
        tabBarExtraContent={<Button type="link" size="small" onClick={markAll} data-testid="mark-all-read">{t("bell.markAllRead")}</Button>}
      />
      <div className="trellis-bell-list">
        {list.error ? <div className="trellis-bell-error">{t("bell.loadFailed")}: {errorText(list.error, lang)}</div> : (
          <MessageList items={list.items} loading={list.loading} empty={t(`bell.empty.${state}`)} hasMore={list.next != null}
            onOpen={open} onMore={list.loadMore} />
        )}
      </div>
      <div className="trellis-bell-foot">
        <Button type="link" onClick={() => { onClose(); navigate("/messages"); }} data-testid="bell-center">{t("bell.center")}</Button>
      </div>
    </div>
  );
}
