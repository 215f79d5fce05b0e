/** Files to go with a comment: uploaded through `POST /files` (the generic size limit), listed,
 * removable. */
import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Upload } from "antd";
import type { UploadFile } from "antd";
import { useRef, useState } from "react";
import { api, errorText } from "../api/client";
import type { FileMeta } from "../api/types";
import { useLang } from "../i18n/text";
import { useTaskText } from "./i18n";

export default function AttachmentsInput({ value, onChange }: { value: FileMeta[]; onChange: (files: FileMeta[]) => void }) {
  const { t } = useTaskText();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const latest = useRef(value);
  latest.current = value;
  const list: UploadFile[] = value.map((f) => ({ uid: f.id, name: f.name, status: "done", size: f.size }));
  const upload = async (file: File) => {
    setBusy((n) => n + 1);
    try {
      const meta = await api.upload(file);
      latest.current = [...latest.current, meta];
      onChange(latest.current);
    } catch (err) {
      message.error(`${t("record.uploadFailed")}: ${errorText(err, lang)}`);
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return (
    <Upload fileList={list} multiple beforeUpload={(file) => { void upload(file); return false; }}
      onRemove={(f) => onChange(value.filter((x) => x.id !== f.uid))}>
      <Button icon={<UploadOutlined />} loading={busy > 0} data-testid="task-upload">{busy > 0 ? t("record.uploading") : t("record.upload")}</Button>
    </Upload>
  );
}
