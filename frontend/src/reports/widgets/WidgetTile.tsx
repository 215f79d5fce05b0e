/** A widget tile of a dashboard: a card with its title (the drag handle while the layout is
 * edited, with a remove button then), its content loaded for the viewer through the tile
 * endpoint and drawn by the widget registered for its type; a widget added in this edit shows
 * a note until the layout is saved. */
import { DeleteOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Popconfirm, Spin } from "antd";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import type { Lang } from "../../i18n";
import { textOf } from "../../i18n/text";
import { reportsApi } from "../api";
import { useReportsText } from "../i18n";
import TileErrorBoundary from "../TileErrorBoundary";
import type { TileDef } from "../types";
import { isWidgetType } from "./config";
import { WIDGETS } from "./registry";
import "./widgets.css";

export interface WidgetTileProps {
  app: string;
  dashboard: string;
  tile: TileDef;
  lang: Lang;
  tick: number;
  editing: boolean;
  /** added in this edit: not on the server yet */
  unsaved?: boolean;
  onRemove?: () => void;
}

export default function WidgetTile({ app, dashboard, tile, lang, tick, editing, unsaved, onRemove }: WidgetTileProps) {
  const { t } = useReportsText();
  const type = tile.widget?.type;
  const entry = isWidgetType(type) ? WIDGETS[type] : undefined;
  const loaded = useAsync(
    () => (unsaved || !entry ? Promise.resolve(null) : reportsApi.widget<Record<string, unknown>>(app, dashboard, tile.id, lang)),
    [app, dashboard, tile.id, lang, tick, unsaved, !!entry],
  );
  const title = textOf(tile.title, lang, "") || (isWidgetType(type) ? t(`widgets.types.${type}`) : tile.id);

  let body;
  if (!entry) body = <div className="trr-tile-quiet">{type}</div>;
  else if (unsaved) body = <div className="trw-empty">{t("widgets.notSaved")}</div>;
  else if (loaded.error) {
    body = (
      <Alert type="warning" showIcon className="trr-tile-error" data-testid="tile-error"
        title={t("tile.failed", { report: title })} description={errorText(loaded.error, lang)}
        action={<Button size="small" icon={<ReloadOutlined />} onClick={loaded.reload} aria-label={t("retry")} />} />
    );
  } else if (!loaded.data) body = <Spin className="trr-tile-spin" />;
  else {
    const Widget = entry.component;
    body = (
      <TileErrorBoundary title={t("tile.failed", { report: title })} resetKey={loaded.data}>
        <Widget app={app} tile={tile} data={loaded.data.data} lang={lang} reload={loaded.reload} />
      </TileErrorBoundary>
    );
  }
  return (
    <section className={`trr-tile trw-tile${editing ? " trr-tile-editing" : ""}`} data-testid={`widget-${tile.id}`}
      data-widget={type} data-loaded={loaded.data && !loaded.loading ? "1" : "0"}>
      <header className="trr-tile-head">
        <span className="trr-tile-title trr-drag" title={title}>{entry?.icon} {title}</span>
        {loaded.loading && loaded.data ? <Spin size="small" /> : null}
        {editing && onRemove ? (
          <Popconfirm title={t("widgets.removeConfirm", { title })} onConfirm={onRemove} okText={t("widgets.remove")}
            cancelText={t("toolbar.cancel")}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("widgets.remove")}
              data-testid={`remove-${tile.id}`} onMouseDown={(e) => e.stopPropagation()} />
          </Popconfirm>
        ) : null}
      </header>
      <div className="trr-tile-body trw-body">{body}</div>
    </section>
  );
}
