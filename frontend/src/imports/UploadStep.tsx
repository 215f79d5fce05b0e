/** Step 1: drop a file (.xlsx, .xls, .csv), then choose its sheet and header row; the first rows preview. */
import { FileExcelOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Select, Spin, Tag, Typography, Upload } from "antd";
import { errorText } from "../api/client";
import type { InspectReply } from "../api/types";
import { useLang } from "../i18n/text";
import { formatCount } from "./format";
import PreviewTable from "./PreviewTable";
import { useImportText } from "./i18n";

const ACCEPT = ".xlsx,.xls,.csv";
const HEADER_ROWS = 20;

interface Props {
  inspect: InspectReply | null;
  busy: boolean;
  error: unknown;
  onFile: (file: File) => void;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
  /** absent when the server would refuse the template */
  onTemplate?: () => void;
}

export default function UploadStep({ inspect, busy, error, onFile, onSheet, onHeaderRow, onTemplate }: Props) {
  const { t } = useImportText();
  const { lang } = useLang();
  const pick = (file: File) => { onFile(file); return false; };
  const sheetRows = inspect?.sheets.find((s) => s.name === inspect.sheet)?.rows ?? HEADER_ROWS;

  return (
    <Spin spinning={busy} description={t("inspecting")}>
      {error != null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="inspect-error" />}
      {!inspect ? (
        <>
          <div data-testid="import-dropzone">
            <Upload.Dragger accept={ACCEPT} multiple={false} showUploadList={false} beforeUpload={pick}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t("drop")}</p>
              <p className="ant-upload-hint">{t("dropHint")}</p>
            </Upload.Dragger>
          </div>
          {onTemplate && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t("noTemplate")} <Typography.Link onClick={onTemplate} data-testid="import-template">{t("imports.template")}</Typography.Link>
            </Typography.Paragraph>
          )}
        </>
      ) : (
        <Flex vertical gap={12}>
          <Flex align="center" gap={8} wrap>
            <FileExcelOutlined style={{ fontSize: 20, color: "#1d6f42" }} />
            <Typography.Text strong data-testid="import-filename">{inspect.filename}</Typography.Text>
            <Tag>{inspect.kind.toUpperCase()}</Tag>
            <Typography.Text type="secondary" data-testid="import-total">{t("total", { n: formatCount(inspect.total, lang) })}</Typography.Text>
            <div style={{ flex: 1 }} />
            <Upload accept={ACCEPT} multiple={false} showUploadList={false} beforeUpload={pick}>
              <Button size="small">{t("changeFile")}</Button>
            </Upload>
          </Flex>
          <Flex gap={16} wrap>
            <label>
              {t("sheet")}:{" "}
              <Select style={{ minWidth: 200 }} value={inspect.sheet} onChange={onSheet} data-testid="import-sheet"
                options={inspect.sheets.map((s) => ({ value: s.name, label: t("sheetRows", { name: s.name, rows: formatCount(s.rows, lang) }) }))} />
            </label>
            <label>
              {t("headerRow")}:{" "}
              <Select style={{ minWidth: 120 }} value={inspect.header_row} onChange={onHeaderRow} data-testid="import-header-row"
                options={Array.from({ length: Math.max(inspect.header_row + 1, Math.min(HEADER_ROWS, sheetRows)) }, (_, i) => ({ value: i, label: t("rowN", { n: i + 1 }) }))} />
            </label>
          </Flex>
          <Typography.Text type="secondary">{t("preview", { n: inspect.preview.length })}</Typography.Text>
          <PreviewTable headers={inspect.headers} rows={inspect.preview} />
        </Flex>
      )}
    </Spin>
  );
}
