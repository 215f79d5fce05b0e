/** The dashboard's buttons: refresh (and the auto refresh switch when the dashboard sets an
 * interval), full screen, and for those who may edit it 编辑布局, then 添加小组件, 保存 / 取消. */
import { AppstoreAddOutlined, CompressOutlined, EditOutlined, ExpandOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Space, Switch, Tooltip } from "antd";
import { useReportsText } from "./i18n";

export interface DashboardToolbarProps {
  refresh: number;
  auto: boolean;
  onAuto: (on: boolean) => void;
  onRefresh: () => void;
  fullscreen: boolean;
  onFullscreen: () => void;
  /** editing the layout is offered */
  editable: boolean;
  editing: boolean;
  dirty: boolean;
  saving: boolean;
  onEdit: () => void;
  onSave: () => void;
  onCancel: () => void;
  /** add a widget (while editing) */
  onAdd?: () => void;
}

export default function DashboardToolbar(p: DashboardToolbarProps) {
  const { t } = useReportsText();
  if (p.editing) {
    return (
      <Space wrap className="trr-toolbar">
        <span className="trr-muted trr-small">{t("toolbar.editHint")}</span>
        {p.onAdd ? (
          <Button icon={<AppstoreAddOutlined />} onClick={p.onAdd} data-testid="widget-add">{t("widgets.add")}</Button>
        ) : null}
        <Button onClick={p.onCancel} data-testid="layout-cancel">{t("toolbar.cancel")}</Button>
        <Button type="primary" loading={p.saving} disabled={!p.dirty} onClick={p.onSave} data-testid="layout-save">
          {t("toolbar.save")}
        </Button>
      </Space>
    );
  }
  return (
    <Space wrap className="trr-toolbar">
      {p.refresh > 0 ? (
        <label className="trr-auto">
          <Switch size="small" checked={p.auto} onChange={p.onAuto} data-testid="auto-refresh" />
          <span className="trr-small">{t("toolbar.autoRefresh", { n: p.refresh })}</span>
        </label>
      ) : null}
      <Tooltip title={t("toolbar.refresh")}>
        <Button icon={<ReloadOutlined />} onClick={p.onRefresh} aria-label={t("toolbar.refresh")} data-testid="dashboard-refresh" />
      </Tooltip>
      <Tooltip title={p.fullscreen ? t("toolbar.exitFullscreen") : t("toolbar.fullscreen")}>
        <Button icon={p.fullscreen ? <CompressOutlined /> : <ExpandOutlined />} onClick={p.onFullscreen}
          aria-label={p.fullscreen ? t("toolbar.exitFullscreen") : t("toolbar.fullscreen")} data-testid="dashboard-fullscreen" />
      </Tooltip>
      {p.editable ? (
        <Button icon={<EditOutlined />} onClick={p.onEdit} className="trr-edit-button" data-testid="layout-edit">{t("toolbar.editLayout")}</Button>
      ) : null}
    </Space>
  );
}
