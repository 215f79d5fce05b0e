/** One tile of a dashboard: a card with its title, a spinner while its figures load, its
 * downloads, and the report drawn with ReportView under the dashboard's filters. A report the
 * viewer may not read shows a quiet placeholder (and is not asked for); a tile that fails
 * says which report failed and keeps the rest of the page working. */
import { FilterOutlined, LockOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Spin, Tooltip } from "antd";
import type { View } from "vega";
import { useState } from "react";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { reportsApi } from "./api";
import DownloadMenu from "./DownloadMenu";
import { useReportsText } from "./i18n";
import { ReportView } from "./ReportView";
import TileErrorBoundary from "./TileErrorBoundary";
import type { TileDef } from "./types";

export interface DashboardTileProps {
  app: string;
  dashboard: string;
  tile: TileDef;
  /** the filters' values as the tiles are asked with them (filterValues.requestValues) */
  values: Record<string, unknown>;
  lang: Lang;
  /** filter id -> its name (to say which filters do not apply to the tile) */
  filterNames: Record<string, string>;
  /** bumped to load the figures again (refresh, auto refresh) */
  tick: number;
  editing: boolean;
}

export default function DashboardTile({ app, dashboard, tile, values, filterNames, lang, tick, editing }: DashboardTileProps) {
  const { t } = useReportsText();
  const readable = tile.readable !== false;
  const valuesKey = JSON.stringify(values);
  const loaded = useAsync(
    () => (readable ? reportsApi.tile(app, dashboard, tile.id, JSON.parse(valuesKey) as Record<string, unknown>, lang) : Promise.resolve(null)),
    [app, dashboard, tile.id, valuesKey, lang, tick, readable],
  );
  const [view, setView] = useState<View | null>(null);
  const title = textOf(tile.title, lang, tile.report ?? tile.id);
  const unfiltered = (loaded.data?.unfiltered ?? []).filter((id) => id in filterNames && values[id] != null);

  let body;
  if (!readable) {
    body = (
      <div className="trr-tile-quiet" data-testid="tile-forbidden" title={t("tile.forbiddenHint")}>
        <LockOutlined /> {t("tile.forbidden")}
      </div>
    );
  } else if (loaded.error) {
    body = (
      <Alert type="warning" showIcon className="trr-tile-error" data-testid="tile-error"
        title={t("tile.failed", { report: title })} description={errorText(loaded.error, lang)}
        action={<Button size="small" icon={<ReloadOutlined />} onClick={loaded.reload} aria-label={t("retry")} />} />
    );
  } else if (!loaded.data) body = <Spin className="trr-tile-spin" />;
  else {
    body = (
      <TileErrorBoundary title={t("tile.failed", { report: title })} resetKey={loaded.data}>
        <ReportView report={loaded.data} lang={lang} app={app} filters={loaded.data.applied} inTile onView={setView} />
      </TileErrorBoundary>
    );
  }

  return (
    <section className={`trr-tile${editing ? " trr-tile-editing" : ""}`} data-testid={`tile-${tile.id}`} data-report={tile.report}
      data-readable={readable ? "1" : "0"} data-loaded={loaded.data && !loaded.loading ? "1" : "0"}>
      <header className="trr-tile-head">
        <span className="trr-tile-title trr-drag" title={title}>{title}</span>
        {unfiltered.length ? (
          <Tooltip title={t("tile.unfiltered", { filters: unfiltered.map((id) => filterNames[id]).join(t("tile.sep")) })}>
            <FilterOutlined className="trr-unfiltered" data-testid="tile-unfiltered" />
          </Tooltip>
        ) : null}
        {readable && loaded.loading && loaded.data ? <Spin size="small" /> : null}
        {readable && !editing ? (
          <DownloadMenu app={app} report={tile.report ?? ""} name={title} lang={lang} filters={loaded.data?.applied} view={view} size="small" />
        ) : null}
      </header>
      <div className="trr-tile-body">{body}</div>
    </section>
  );
}
