/** /inbox (待办中心) and /tasks/:id: the tabs 待我处理 / 我已处理 / 我发起的 / 抄送我的, the filters and
 * search, the list (a table on a desktop, cards on a phone), batch approval of the pending tab;
 * a task opens in a drawer beside the list (desktop) or as the whole page (phone). A run I started
 * opens its record. The list's state lives in the address. */
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Grid, Pagination, Result, Tabs } from "antd";
import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { canBatchApprove } from "./actions";
import BatchApprove from "./BatchApprove";
import { useTaskText } from "./i18n";
import InboxFilters from "./InboxFilters";
import { PAGE_SIZE, readState, TABS, writeState, type InboxState } from "./inboxQuery";
import TaskCards from "./TaskCards";
import TaskDrawer from "./TaskDrawer";
import TaskTable from "./TaskTable";
import TaskView from "./TaskView";
import type { InboxItem } from "./types";
import { useInbox } from "./useInbox";
import { usePending } from "./usePending";
import "./tasks.css";

export default function InboxPage() {
  const { t } = useTaskText();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { id: rawId } = useParams();
  const [params] = useSearchParams();
  const state = readState(params);
  const phone = !Grid.useBreakpoint().md;
  const pending = usePending();
  const list = useInbox(state);
  const [selected, setSelected] = useState<number[]>([]);
  const openId = rawId ? Number(rawId) : null;
  const search = params.toString() ? `?${params.toString()}` : "";

  const change = (patch: Partial<InboxState>) => {
    const next = { ...state, page: 1, ...patch };
    setSelected([]);
    const qs = writeState(next).toString();
    navigate(qs ? `/inbox?${qs}` : "/inbox", { replace: true });
  };
  const open = (item: InboxItem) => {
    if (state.tab === "initiated") {
      if (item.form && item.record != null) navigate(`/apps/${item.app}/forms/${item.form}/records/${item.record}`);
      return;
    }
    navigate(`/tasks/${item.id}${search}`);
  };
  const close = () => navigate(`/inbox${search}`);
  const acted = () => { setSelected([]); list.reload(); close(); };

  if (openId != null && phone) {
    return (
      <div className="trellis-card trellis-task-page">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={close} style={{ marginBottom: 4, paddingInline: 4 }} data-testid="task-back">
          {t("title")}
        </Button>
        <TaskView id={openId} onActed={acted} />
      </div>
    );
  }
  const Body = phone ? TaskCards : TaskTable;
  return (
    <div className="trellis-inbox-page">
      <div className="trellis-page-title"><h2>{t("title")}</h2></div>
      <div className="trellis-card">
        <Tabs className="trellis-inbox-tabs" activeKey={state.tab} size={phone ? "small" : "middle"} tabBarGutter={phone ? 14 : undefined}
          onChange={(k) => change({ tab: k as InboxState["tab"], overdue: false })}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`inbox-tab-${k}`}>{t(`${phone ? "tabsShort" : "tabs"}.${k}`)}{k === "pending" && pending ? ` (${pending})` : ""}</span> }))} />
        <InboxFilters state={state} onChange={change} />
        {state.tab === "pending" && list.items.some(canBatchApprove) && (
          <div className="trellis-inbox-batch">
            <BatchApprove items={list.items} selected={selected} onDone={() => { setSelected([]); list.reload(); }} />
            {selected.length > 0 && <Button type="link" onClick={() => setSelected([])}>{t("common.clear")}</Button>}
          </div>
        )}
        {list.error ? (
          <Result status="warning" title={t("loadFailed")} subTitle={errorText(list.error, lang)}
            extra={<Button onClick={list.reload}>{t("common.retry")}</Button>} />
        ) : (
          <Body tab={state.tab} items={list.items} loading={list.loading} selected={selected} onSelect={setSelected}
            onOpen={open} onChanged={list.reload} />
        )}
        {list.total > PAGE_SIZE && (
          <Pagination style={{ marginTop: 12, textAlign: "end" }} size="small" current={state.page} pageSize={PAGE_SIZE} total={list.total}
            showSizeChanger={false} showTotal={phone ? undefined : (n) => t("total", { count: n })} onChange={(page) => change({ page })} />
        )}
      </div>
      {openId != null && <TaskDrawer id={openId} onClose={close} onActed={acted} />}
    </div>
  );
}
