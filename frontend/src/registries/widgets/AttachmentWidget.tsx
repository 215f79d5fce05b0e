/** Attachments: upload through `POST /files` (checked against the field's rules), list, download, remove. */
import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Upload } from "antd";
import type { UploadFile } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorText } from "../../api/client";
import type { FileMeta } from "../../api/types";
import { useLang } from "../../i18n/text";
import type { WidgetProps } from "../types";

export default function AttachmentWidget({ field, value, onChange, disabled, ctx }: WidgetProps) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const files: FileMeta[] = Array.isArray(value) ? (value as FileMeta[]) : [];
  const max = field.max_count ?? 10;
  const list: UploadFile[] = files.map((f) => ({ uid: f.id, name: f.name, status: "done", size: f.size }));

  const upload = async (file: File) => {
    setBusy((n) => n + 1);
    try {
      const meta = await api.upload(file, { app: ctx.app, form: ctx.form, field: field.id });
      onChange([...files, meta]);
    } catch (err) {
      message.error(`${t("record.uploadFailed")}: ${errorText(err, lang)}`);
    } finally {
      setBusy((n) => n - 1);
    }
  };

  return (
    <Upload
      fileList={list}
      multiple
      accept={field.accept?.join(",")}
      disabled={disabled}
      beforeUpload={(file) => { void upload(file); return false; }}
      onRemove={(f) => { onChange(files.filter((x) => x.id !== f.uid).length ? files.filter((x) => x.id !== f.uid) : undefined); }}
      onPreview={(f) => { const meta = files.find((x) => x.id === f.uid); if (meta) void api.download(meta.id, meta.name); }}
      showUploadList={{ showRemoveIcon: !disabled }}
    >
      {!disabled && (
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={files.length >= max}>
          {busy > 0 ? t("record.uploading") : t("record.upload")}
        </Button>
      )}
    </Upload>
  );
}
