/** The designer's toolbar: back to the reports page, the report's name, whether it is
 * published (and which version) or has unsaved changes, save the draft, publish. */
import { ArrowLeftOutlined, CloudUploadOutlined, EyeOutlined, SaveOutlined } from "@ant-design/icons";
import { Button, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useLang } from "../i18n/text";
import { useDesignerText } from "./i18n";
import type { ReportDef } from "./model";

interface Props {
  app: string;
  def: ReportDef;
  stored: boolean;
  dirty: boolean;
  version: number | null;
  busy: "save" | "publish" | null;
  onSave: () => void;
  onPublish: () => void;
}

export default function DesignerToolbar({ app, def, stored, dirty, version, busy, onSave, onPublish }: Props) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  return (
    <div className="trd-toolbar" data-testid="rd-toolbar">
      <Space wrap size={8} className="trd-toolbar-title">
        <Link to={`/apps/${app}/reports`} aria-label={t("back")} title={t("back")} data-testid="rd-back"><ArrowLeftOutlined /></Link>
        <Typography.Title level={4} style={{ margin: 0 }} className="trd-title">{tx(def.label, def.id) || t("newTitle")}</Typography.Title>
        <Tag color={version ? "green" : "default"} data-testid="rd-version">
          {version ? t("toolbar.version", { v: version }) : t("toolbar.neverPublished")}
        </Tag>
        {dirty && <Tag color="orange" data-testid="rd-unsaved">{t("toolbar.unsaved")}</Tag>}
      </Space>
      <Space wrap size={8}>
        {version ? <Link to={`/apps/${app}/reports/${def.id}`} data-testid="rd-open"><EyeOutlined /> {t("toolbar.open")}</Link> : null}
        <Button icon={<SaveOutlined />} loading={busy === "save"} disabled={stored && !dirty} onClick={onSave}
          data-testid="rd-save">{t("toolbar.save")}</Button>
        <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === "publish"} onClick={onPublish}
          data-testid="rd-publish">{t("toolbar.publish")}</Button>
      </Space>
    </div>
  );
}
