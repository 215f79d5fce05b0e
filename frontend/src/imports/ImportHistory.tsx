/** A form's import history in a Drawer (`GET /imports`, newest first): status, counts, user, time, the
 * error workbook, and "roll back" with a confirm where the server allows it. Refreshes while a batch runs. */
import { DownloadOutlined, ReloadOutlined, RollbackOutlined } from "@ant-design/icons";
import { App, Button, Drawer, Flex, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState, type HTMLAttributes } from "react";
import { api, ApiError, errorText } from "../api/client";
import type { FormDef, ImportBatch } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import BatchStatusTag from "./BatchStatusTag";
import { downloadAs } from "./download";
import { isFinal, userName } from "./format";
import { useImportText } from "./i18n";

interface Props {
  app: string;
  def: FormDef;
  onClose: () => void;
  onChanged: () => void;
}

const REFRESH_MS = 2000;

export default function ImportHistory({ app, def, onClose, onChanged }: Props) {
  const { t } = useImportText();
  const { lang, tx } = useLang();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const [open, setOpen] = useState(true);
  const [items, setItems] = useState<ImportBatch[]>([]);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setLoading(true);
    try {
      setItems(await api.importBatches(app, def.id));
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [app, def.id, report]);

  useEffect(() => { void load(); }, [load]);
  const running = items.some((b) => !isFinal(b.status));
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(() => { void load(true); setTick((n) => n + 1); }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [running, load, tick]);

  const doRollback = async (b: ImportBatch, force: boolean) => {
    try {
      await api.rollbackImport(app, def.id, b.id, force);
      message.success(t("rolledBack"));
      onChanged();
    } catch (err) {
      if (!force && err instanceof ApiError && err.status === 409 && err.code === "changed_since_import") {
        modal.confirm({
          title: t("forceTitle"), content: errorText(err, lang), okType: "danger", okText: t("forceRollback"),
          cancelText: t("common.cancel"), onOk: () => doRollback(b, true),
        });
      } else {
        message.error(errorText(err, lang));
      }
    }
    await load(true);
  };

  const rollback = (b: ImportBatch) => {
    modal.confirm({
      title: t("rollback"), content: t("rollbackConfirm", { inserted: b.inserted, updated: b.updated }),
      okType: "danger", okText: t("rollback"), cancelText: t("common.cancel"),
      onOk: () => doRollback(b, false),
    });
  };

  const errors = async (b: ImportBatch) => {
    try {
      if (b.errors_url) await downloadAs(api.fetchFile(b.errors_url), `${tx(def.label, def.id)}-errors.xlsx`);
    } catch (err) {
      report(err);
    }
  };

  const columns = [
    { key: "when", title: t("when"), width: 140, render: (_: unknown, b: ImportBatch) => dayjs(b.created_at).format("YYYY-MM-DD HH:mm") },
    {
      key: "file", title: t("file"), ellipsis: true,
      render: (_: unknown, b: ImportBatch) => (
        <Flex vertical>
          <Typography.Text ellipsis title={b.filename}>{b.filename}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`modes.${b.mode}`)}{b.sheet ? ` · ${b.sheet}` : ""}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: "status", title: t("statusCol"), width: 200,
      render: (_: unknown, b: ImportBatch) => (
        <Flex vertical gap={2}>
          <BatchStatusTag batch={b} />
          {b.message && <Typography.Text type={b.status === "failed" ? "danger" : "secondary"} style={{ fontSize: 12 }} data-testid="batch-message">{tx(b.message)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: "result", title: t("resultCol"), width: 220,
      render: (_: unknown, b: ImportBatch) => (
        <Typography.Text style={{ fontSize: 12 }} data-testid="batch-counts">
          {t("counts", { inserted: b.inserted, updated: b.updated, skipped: b.skipped, failed: b.failed })}
        </Typography.Text>
      ),
    },
    { key: "user", title: t("user"), width: 90, render: (_: unknown, b: ImportBatch) => userName(b.user) },
    {
      key: "actions", title: t("common.actions"), width: 130,
      render: (_: unknown, b: ImportBatch) => (
        <Flex gap={4} wrap>
          {b.errors_url && <Button size="small" icon={<DownloadOutlined />} title={t("downloadErrors")} onClick={() => void errors(b)} />}
          {b.can_rollback && (
            <Button size="small" danger icon={<RollbackOutlined />} onClick={() => rollback(b)} data-testid="batch-rollback">{t("rollback")}</Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Drawer open={open} onClose={() => setOpen(false)} afterOpenChange={(v) => { if (!v) onClose(); }} size={Math.min(980, window.innerWidth - 40)}
      title={`${t("imports.history")} · ${tx(def.label, def.id)}`} data-testid="import-history"
      extra={<Button icon={<ReloadOutlined />} onClick={() => void load()}>{t("common.reload")}</Button>}>
      <Table size="small" rowKey="id" loading={loading} columns={columns} dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t("historyEmpty") }}
        onRow={(b) => ({ "data-testid": `batch-${b.id}` }) as HTMLAttributes<HTMLElement>} />
    </Drawer>
  );
}
