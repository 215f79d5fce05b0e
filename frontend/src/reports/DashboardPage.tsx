/** /apps/:app/dashboards/:key: a dashboard. Its global filters on top (their values also in
 * the address, ?f=<JSON>, so a link shows the same figures), its tiles laid out on the grid,
 * each loading its report under those filters; refresh by hand or every `refresh` seconds,
 * full screen for a wall display (the page alone, no menus), and for those who may edit it
 * the layout dragged and resized, then saved as a new version. */
import { Alert, App, Button, ConfigProvider, Result, Spin } from "antd";
import type { Layout } from "react-grid-layout";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLeaveWarning } from "../hooks/useLeaveWarning";
import { useLang } from "../i18n/text";
import { reportsApi } from "./api";
import DashboardGrid from "./DashboardGrid";
import DashboardTile from "./DashboardTile";
import DashboardToolbar from "./DashboardToolbar";
import FilterBar from "./FilterBar";
import { readValues, requestValues, writeValues, type FilterValues } from "./filterValues";
import { useReportsText } from "./i18n";
import { gridLayout, moved, placesOf } from "./layout";
import { today } from "./presets";
import type { Dashboard, TileDef } from "./types";
import "./reports.css";

export default function DashboardPage() {
  const { app = "", key = "" } = useParams();
  const { t } = useReportsText();
  const { lang, tx } = useLang();
  const { message } = App.useApp();
  const loaded = useAsync(() => reportsApi.dashboard(app, key), [app, key]);
  const dash = loaded.data;
  const [params, setParams] = useSearchParams();
  const raw = params.get("f");
  const filters = useMemo(() => dash?.filters ?? [], [dash]);
  const values = useMemo(() => readValues(raw, filters), [raw, filters]);
  const day = today();
  const asked = useMemo(() => requestValues(values, filters, day), [values, filters, day]);
  const setValues = (next: FilterValues) => {
    const f = writeValues(next, filters);
    setParams((prev) => {
      const out = new URLSearchParams(prev);
      if (f) out.set("f", f);
      else out.delete("f");
      return out;
    }, { replace: true });
  };

  // refresh: by hand, or every `refresh` seconds while the tab is visible
  const [tick, setTick] = useState(0);
  const [auto, setAuto] = useState(true);
  const every = dash?.refresh ?? 0;
  useEffect(() => {
    if (!auto || every <= 0) return undefined;
    const timer = setInterval(() => { if (!document.hidden) setTick((n) => n + 1); }, every * 1000);
    return () => clearInterval(timer);
  }, [auto, every]);

  // full screen: the page alone
  const root = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const changed = () => setFullscreen(document.fullscreenElement === root.current && root.current != null);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => undefined);
  };

  // the layout being edited
  const [draft, setDraft] = useState<Layout | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const tiles = useMemo(() => dash?.tiles ?? [], [dash]);
  const layout = useMemo(() => gridLayout(tiles), [tiles]);
  const dirty = draft != null && moved(tiles, placesOf(tiles, draft));
  useLeaveWarning(dirty);
  const onLayoutChange = useCallback((next: Layout) => setDraft((d) => (d ? next : d)), []);
  const save = async () => {
    if (!dash || !draft) return;
    setSaving(true);
    setSaveError(null);
    try {
      const places = placesOf(tiles, draft);
      const reply = await reportsApi.saveLayout(app, key, places);
      const byId = new Map(places.map((p) => [p.id, p]));
      const next: Dashboard = Array.isArray(reply?.tiles) ? { ...dash, ...reply }
        : { ...dash, version: reply?.version ?? dash.version, tiles: dash.tiles.map((tl) => ({ ...tl, ...byId.get(tl.id) })) };
      loaded.setData(next);
      setDraft(null);
      void message.success(t("toolbar.saved", { v: next.version ?? "" }));
    } catch (err) {
      setSaveError(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };

  if (loaded.error && !dash) {
    return <Result status="warning" title={errorText(loaded.error, lang)} extra={<Button onClick={loaded.reload}>{t("retry")}</Button>} />;
  }
  if (!dash) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;

  const filterNames = Object.fromEntries(filters.map((f) => [f.id, tx(f.label, f.id)]));
  const renderTile = (tile: TileDef) => (
    <DashboardTile app={app} dashboard={key} tile={tile} values={asked} filterNames={filterNames} lang={lang} tick={tick}
      editing={draft != null} />
  );
  // in full screen only the page shows: menus and pickers open inside it
  const popupsIn = () => (fullscreen && root.current ? root.current : document.body);
  return (
    <ConfigProvider getPopupContainer={popupsIn}>
      <div ref={root} className={`trr-page trr-dashboard${fullscreen ? " trr-fullscreen" : ""}`} data-testid="dashboard-page">
        <div className="trellis-page-title trr-head">
          <h2>{tx(dash.label, dash.id)}</h2>
          <span className="trr-grow" />
          <DashboardToolbar refresh={every} auto={auto} onAuto={setAuto} onRefresh={() => setTick((n) => n + 1)}
            fullscreen={fullscreen} onFullscreen={toggleFullscreen} editable={!!dash.editable && !fullscreen}
            editing={draft != null} dirty={dirty} saving={saving}
            onEdit={() => { setSaveError(null); setDraft(layout); }} onSave={() => void save()}
            onCancel={() => { setDraft(null); setSaveError(null); }} />
        </div>
        {dash.description ? <div className="trr-muted trr-description">{tx(dash.description)}</div> : null}
        {saveError ? <Alert type="error" showIcon closable title={saveError} className="trr-save-error" data-testid="layout-error"
          onClose={() => setSaveError(null)} /> : null}
        <FilterBar filters={filters} values={values} onChange={setValues} />
        <DashboardGrid tiles={tiles} layout={draft ?? layout} editing={draft != null} onLayoutChange={onLayoutChange}
          renderTile={renderTile} />
      </div>
    </ConfigProvider>
  );
}
