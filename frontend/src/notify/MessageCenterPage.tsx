/** /messages: every message of the caller, by tab (未读 / 已读 / 全部), paged by before_id; opening
 * one marks it read and goes to its record. */
import { SettingOutlined } from "@ant-design/icons";
import { App, Button, Result, Tabs } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { recordLink } from "./format";
import { useNotifyText } from "./i18n";
import MessageList from "./MessageList";
import type { Message, MessageState } from "./types";
import { useMessages } from "./useMessages";
import "./notify.css";

const TABS: MessageState[] = ["unread", "read", "all"];

export default function MessageCenterPage() {
  const { t } = useNotifyText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [state, setState] = useState<MessageState>("unread");
  const list = useMessages(state, 20);

  const open = (m: Message) => {
    list.markRead(m).catch((err: unknown) => message.error(errorText(err, lang)));
    const to = recordLink(m);
    if (to) navigate(to);
  };
  return (
    <div className="trellis-notify-page">
      <div className="trellis-page-title">
        <h2>{t("center.title")}</h2>
        <div style={{ flex: 1 }} />
        <Link to="/me/notifications"><SettingOutlined /> {t("center.settings")}</Link>
      </div>
      <div className="trellis-card">
        <Tabs
          activeKey={state}
          onChange={(k) => setState(k as MessageState)}
          items={TABS.map((k) => ({ key: k, label: t(`tabs.${k}`) }))}
          tabBarExtraContent={<Button size="small" onClick={() => list.markAllRead().then(() => message.success(t("bell.allRead")),
            (err: unknown) => message.error(errorText(err, lang)))}>{t("bell.markAllRead")}</Button>}
        />
        {list.error ? <Result status="warning" title={t("bell.loadFailed")} subTitle={errorText(list.error, lang)}
          extra={<Button onClick={list.reload}>{t("common.retry")}</Button>} /> : (
          <MessageList items={list.items} loading={list.loading} empty={t(`bell.empty.${state}`)} hasMore={list.next != null}
            lines={6} onOpen={open} onMore={list.loadMore} />
        )}
      </div>
    </div>
  );
}
