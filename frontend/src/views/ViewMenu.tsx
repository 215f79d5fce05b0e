/** Save the current grid settings: as a new view, over the open view (its owner or an admin, unless
 * the view names fields this user may not see), or delete it. */
import { DownOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Space } from "antd";
import type { MenuProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { api } from "../api/client";
import type { ViewDef } from "../api/types";
import type { GridState } from "../grid/gridState";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { useSession } from "../shell/SessionContext";
import SaveViewModal from "./SaveViewModal";
import { useViews } from "./ViewsContext";

interface Props {
  app: string;
  form: string;
  state: GridState;
  view?: ViewDef;
  onReset?: () => void;
}

export default function ViewMenu({ app, form, state, view, onReset }: Props) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { me } = useSession();
  const { reload } = useViews();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<"new" | "update" | null>(null);
  const mine = Boolean(view && (me?.is_admin || (view.owner != null && view.owner === me?.id)));

  const items: MenuProps["items"] = [{ key: "new", label: t("grid.saveAsNew") }];
  if (view && onReset) items.push({ key: "reset", label: t("grid.resetView") });
  // a view opened without parts this user may not see cannot be saved over (those parts would be lost)
  const trimmed = Boolean(view?.dropped);
  if (mine) {
    items.push({ key: "update", disabled: trimmed, label: trimmed
      ? <span>{t("grid.updateView")}<br /><small style={{ whiteSpace: "normal" }}>{t("grid.viewNoUpdate")}</small></span>
      : t("grid.updateView") },
      { type: "divider" }, { key: "delete", danger: true, label: t("grid.deleteView") });
  }

  const onMenu = ({ key }: { key: string }) => {
    if (key === "new" || key === "update") setEditing(key);
    if (key === "reset") onReset?.();
    if (key === "delete" && view) {
      modal.confirm({
        title: t("grid.deleteViewConfirm", { name: tx(view.label, view.id) }),
        okType: "danger", okText: t("common.delete"), cancelText: t("common.cancel"),
        onOk: async () => {
          try {
            await api.deleteView(app, view.id);
            message.success(t("grid.viewDeleted"));
            reload();
            navigate(`/apps/${app}/forms/${form}`);
          } catch (err) {
            report(err);
          }
        },
      });
    }
  };

  return (
    <>
      {view ? (
        <Dropdown menu={{ items, onClick: onMenu }} trigger={["click"]}>
          <Button icon={<SaveOutlined />}><Space size={4}>{t("grid.saveView")}<DownOutlined /></Space></Button>
        </Dropdown>
      ) : (
        <Button icon={<SaveOutlined />} onClick={() => setEditing("new")} data-testid="save-view">{t("grid.saveView")}</Button>
      )}
      {editing && (
        <SaveViewModal app={app} form={form} state={state} view={editing === "update" ? view : undefined}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            message.success(editing === "update" ? t("grid.viewUpdated") : t("grid.viewSaved"));
            reload();
            if (editing === "new") navigate(`/apps/${app}/views/${saved.id}`);
          }} />
      )}
    </>
  );
}
