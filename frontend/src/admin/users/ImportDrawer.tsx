/** Users from an Excel sheet: choose the file, see every row checked (problems named by row and
 * column), import when none is left, then the new accounts with their initial passwords, shown
 * this once and downloadable as a CSV. */
import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer, List, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useLang } from "../../i18n/text";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import { usersApi, type ImportPreview, type Imported } from "./api";
import { useRoleChoices } from "./useRoleChoices";

function downloadCsv(result: Imported) {
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = ["username,name,initial_password", ...result.created.map((c) =>
    [c.username, c.name, c.initial_password].map(cell).join(","))];
  const href = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = href;
  a.download = "users.csv";
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export default function ImportDrawer({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const phone = usePhone();
  const roles = useRoleChoices();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [result, setResult] = useState<Imported>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const check = async (chosen: File) => {
    setFile(chosen);
    setPreview(undefined);
    setResult(undefined);
    setError(undefined);
    setBusy(true);
    try {
      setPreview(await usersApi.preview(chosen));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await usersApi.importUsers(file));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const problems = preview?.errors ?? [];
  return (
    <Drawer open size={Math.min(900, window.innerWidth)} onClose={onClose} title={t("users.importer.title")}
      destroyOnHidden data-testid="import-drawer">
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t("users.importer.help")}</Typography.Paragraph>
        {!result && (
          <Upload accept=".xlsx,.xls,.csv" maxCount={1} showUploadList={false}
            beforeUpload={(f) => { void check(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={busy && !preview} data-testid="import-pick">
              {file ? t("users.importer.again") : t("users.importer.pick")}
            </Button>
          </Upload>
        )}
        {file && !result && <Typography.Text>{file.name}</Typography.Text>}
        {error !== undefined && <Alert type="error" showIcon title={errorText(error, lang)} />}
        {preview && !result && <>
          <Alert type={problems.length ? "warning" : "success"} showIcon data-testid="import-summary"
            title={t("users.importer.rows", { total: preview.total, valid: preview.valid })}
            description={problems.length ? t("users.importer.problems", { n: problems.length }) : t("users.importer.ok")} />
          {problems.length > 0 && (
            <List size="small" bordered dataSource={problems} data-testid="import-problems"
              renderItem={(p) => <List.Item>{tx(p.message)}</List.Item>} />
          )}
          <Table size="small" rowKey="row" pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }}
            dataSource={preview.rows} columns={[
              { title: t("users.importer.row"), dataIndex: "row", width: 56 },
              { title: t("users.col.username"), dataIndex: "username" },
              { title: t("users.col.name"), dataIndex: "name" },
              ...(phone ? [] : [{ title: t("users.col.email"), dataIndex: "email" }]),
              { title: t("users.col.departments"), render: (_: unknown, r: ImportPreview["rows"][number]) =>
                r.departments.map((d) => d.name).join("、") },
              { title: t("users.col.roles"), render: (_: unknown, r: ImportPreview["rows"][number]) =>
                r.roles.map((n) => <Tag key={n}>{roles.label(n)}</Tag>) },
              { title: t("users.importer.problem"), render: (_: unknown, r: ImportPreview["rows"][number]) =>
                r.errors.length ? <Tag color="red">{r.errors.length}</Tag> : <Tag color="green">OK</Tag> },
            ]} />
          <Button type="primary" disabled={problems.length > 0 || preview.total === 0} loading={busy} onClick={run}
            data-testid="import-run">{t("users.importer.run", { n: preview.total })}</Button>
        </>}
        {result && <>
          <Alert type="success" showIcon title={t("users.importer.result", { n: result.total })} />
          <Table size="small" rowKey="id" pagination={false} dataSource={result.created} scroll={{ x: true }}
            data-testid="import-result" columns={[
              { title: t("users.col.username"), dataIndex: "username" },
              { title: t("users.col.name"), dataIndex: "name" },
              { title: t("users.form.password"), dataIndex: "initial_password",
                render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v}</Typography.Text> },
            ]} />
          <Space wrap>
            <Button onClick={() => downloadCsv(result)}>{t("users.importer.download")}</Button>
            <Button type="primary" onClick={onClose}>{t("users.importer.close")}</Button>
          </Space>
        </>}
      </Space>
    </Drawer>
  );
}
