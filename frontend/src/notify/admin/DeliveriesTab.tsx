/** 投递记录: the app's deliveries, newest first, filtered by channel and state, with the count of
 * each state on top; more pages by before_id; a row expands to its attempts. */
import { ReloadOutlined } from "@ant-design/icons";
import { Button, Result, Select, Table, Tag, Tooltip } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorText } from "../../api/client";
import { useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { shortDate, STATE_COLOR, STATES } from "../format";
import { useNotifyText } from "../i18n";
import type { ChannelInfo, Delivery, DeliveryPage } from "../types";
import DeliveryLog from "./DeliveryLog";
import StateTag from "./StateTag";

const PAGE = 50;

export default function DeliveriesTab({ app, channels }: { app: string; channels: ChannelInfo[] }) {
  const { t } = useNotifyText();
  const { lang } = useLang();
  const [channel, setChannel] = useState<string | undefined>();
  const [state, setState] = useState<string | undefined>();
  const [items, setItems] = useState<Delivery[]>([]);
  const [counts, setCounts] = useState<DeliveryPage["counts"]>({});
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  const load = useCallback((before: number | null) => {
    const mine = ++seq.current;
    setLoading(true);
    notifyApi.deliveries(app, { channel, state, limit: PAGE, before_id: before }).then((page) => {
      if (mine !== seq.current) return;
      setItems((old) => (before == null ? page.items : [...old, ...page.items]));
      setCounts(page.counts ?? {});
      setNext(page.next_before_id);
      setError(undefined);
      setLoading(false);
    }, (err: unknown) => {
      if (mine !== seq.current) return;
      setError(err);
      setLoading(false);
    });
  }, [app, channel, state]);
  useEffect(() => { load(null); }, [load, tick]);

  if (error) return <Result status="warning" title={errorText(error, lang)} extra={<Button onClick={() => setTick((n) => n + 1)}>{t("common.retry")}</Button>} />;
  const columns = [
    { key: "created", title: t("deliveries.created"), width: 140, render: (_: unknown, d: Delivery) => shortDate(d.created_at) },
    { key: "channel", title: t("deliveries.channel"), width: 100, render: (_: unknown, d: Delivery) => d.channel },
    { key: "state", title: t("deliveries.state"), width: 90, render: (_: unknown, d: Delivery) => <StateTag state={d.state} /> },
    {
      key: "to", title: t("deliveries.to"), render: (_: unknown, d: Delivery) => {
        const name = d.recipient?.name;
        if (!name || name === d.to) return d.to || name || "—";
        return d.to ? <span>{name} <span className="trellis-json">{d.to}</span></span> : name;
      },
    },
    { key: "subject", title: t("deliveries.subject"), ellipsis: true, render: (_: unknown, d: Delivery) => d.subject ?? "" },
    { key: "attempts", title: t("deliveries.attempts"), width: 90, align: "right" as const, render: (_: unknown, d: Delivery) => d.attempts ?? 0 },
    {
      key: "error", title: t("deliveries.error"), ellipsis: true,
      render: (_: unknown, d: Delivery) => (d.error ? <Tooltip title={d.error}><span className="trellis-attempt-error">{d.error}</span></Tooltip> : ""),
    },
  ];
  return (
    <div data-testid="deliveries-tab">
      <div className="trellis-counts" data-testid="delivery-counts">
        {STATES.map((s) => (
          <Tag key={s} color={STATE_COLOR[s]} data-testid={`count-${s}`} style={{ cursor: "pointer" }}
            onClick={() => setState(state === s ? undefined : s)}>
            {t(`state.${s}`)} {counts[s] ?? 0}
          </Tag>
        ))}
      </div>
      <div className="trellis-toolbar">
        <Select allowClear placeholder={t("deliveries.allChannels")} value={channel} onChange={setChannel} style={{ flex: "0 1 160px", minWidth: 110 }}
          options={channels.map((c) => ({ value: c.name, label: c.name }))} data-testid="filter-channel" />
        <Select allowClear placeholder={t("deliveries.allStates")} value={state} onChange={setState} style={{ flex: "0 1 140px", minWidth: 100 }}
          options={STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} data-testid="filter-state" />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t("common.reload")} />
      </div>
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("deliveries.empty") }}
        expandable={{ fixed: "left", expandedRowRender: (d) => <DeliveryLog app={app} id={d.id} /> }}
      />
      {next != null && (
        <div style={{ textAlign: "center", marginTop: 12 }}>
          <Button loading={loading} onClick={() => load(next)}>{t("deliveries.loadMore")}</Button>
        </div>
      )}
    </div>
  );
}
