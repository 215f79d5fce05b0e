/** Shortcuts: a wrapping row of buttons, each to what the server found the viewer may use; a
 * "new record" one opens that form's record drawer right here, and the saved record opens. */
import { App, Button } from "antd";
import { AppstoreOutlined, BarChartOutlined, BellOutlined, CheckSquareOutlined, DashboardOutlined, PlusOutlined, TableOutlined } from "@ant-design/icons";
import { useState, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { metaCache } from "../../api/cache";
import { errorText } from "../../api/client";
import type { FormDef } from "../../api/types";
import { textOf } from "../../i18n/text";
import RecordDrawer from "../../record/RecordDrawer";
import { useReportsText } from "../i18n";
import type { ShortcutKind } from "./config";
import type { ShortcutItem, ShortcutsData, WidgetProps } from "./types";

const ICONS: Record<ShortcutKind, ReactNode> = {
  new: <PlusOutlined />, form: <TableOutlined />, report: <BarChartOutlined />, dashboard: <DashboardOutlined />,
  reports: <AppstoreOutlined />, inbox: <CheckSquareOutlined />, messages: <BellOutlined />,
};

export default function ShortcutsWidget({ app, data, lang, reload }: WidgetProps<ShortcutsData>) {
  const { t } = useReportsText();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState<FormDef | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const items = data.items ?? [];
  const open = async (item: ShortcutItem) => {
    if (item.kind !== "new" || !item.target) {
      navigate(item.href);
      return;
    }
    setOpening(item.target);
    try {
      setCreating(await metaCache.form(app, item.target));
    } catch (err) {
      void message.error(errorText(err, lang));
    } finally {
      setOpening(null);
    }
  };
  if (!items.length) return <div className="trw-empty">{t("widgets.empty.shortcuts")}</div>;
  return (
    <div className="trw-shortcuts">
      {items.map((item, i) => (
        <Button key={`${item.kind}-${item.target ?? i}`} icon={ICONS[item.kind]} type={item.kind === "new" ? "primary" : "default"}
          ghost={item.kind === "new"} loading={opening != null && opening === item.target && item.kind === "new"}
          onClick={() => void open(item)} data-testid={`shortcut-${item.kind}${item.target ? `-${item.target}` : ""}`}>
          {textOf(item.label, lang, item.target ?? t(`widgets.kinds.${item.kind}`))}
        </Button>
      ))}
      {creating ? (
        <RecordDrawer app={app} def={creating} onClose={() => setCreating(null)}
          onSaved={(row) => {
            const form = creating.id;
            setCreating(null);
            void message.success(t("widgets.saved"));
            reload();
            navigate(`/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records/${row.id}`);
          }} />
      ) : null}
    </div>
  );
}
