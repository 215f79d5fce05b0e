/** /apps/:app/dashboards/:key: a dashboard. Its global filters on top (their values also in
 * the address, ?f=<JSON>, so a link shows the same figures), its tiles laid out on the grid,
 * each loading its report under those filters; refresh by hand or every `refresh` seconds,
 * full screen for a wall display (the page alone, no menus), and for those who may edit it
 * the layout dragged and resized, widgets added (./widgets/) and tiles removed, then saved as
 * a new version. A tile holding a widget (an app's workbench: shortcuts, my tasks, messages,
 * recent records) is drawn by the widget registered for its type. */
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
import { gridLayout } from "./layout";
import { today } from "./presets";
import type { TileDef, WidgetSpec } from "./types";
import AddWidgetModal from "./widgets/AddWidgetModal";
import { layoutChanged, layoutRequest, newWidgetTile } from "./widgets/config";
import WidgetTile from "./widgets/WidgetTile";
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

  // the layout being edited: the tiles (widgets added, tiles removed) and their places
  const [draft, setDraft] = useState<Layout | null>(null);
  const [editTiles, setEditTiles] = useState<TileDef[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const tiles = useMemo(() => dash?.tiles ?? [], [dash]);
  const layout = useMemo(() => gridLayout(tiles), [tiles]);
  const shown = editTiles ?? tiles;
  const dirty = draft != null && editTiles != null && layoutChanged(tiles, editTiles, draft);
  useLeaveWarning(dirty);
  const onLayoutChange = useCallback((next: Layout) => setDraft((d) => (d ? next : d)), []);
  const stopEditing = () => { setDraft(null); setEditTiles(null); setSaveError(null); };
  const addWidget = (spec: WidgetSpec) => {
    if (!draft || !editTiles) return;
    const tile = newWidgetTile(spec, editTiles, draft);
    setEditTiles([...editTiles, tile]);
    setDraft([...draft, ...gridLayout([tile])]);
    setAdding(false);
  };
  const removeTile = (id: string) => {
    setEditTiles((ts) => (ts ? ts.filter((tl) => tl.id !== id) : ts));
    setDraft((d) => (d ? d.filter((l) => l.i !== id) : d));
  };
  const save = async () => {
    if (!dash || !draft || !editTiles) return;
    setSaving(true);
    setSaveError(null);
    try {
      const asked = layoutRequest(tiles, editTiles, draft);
      const reply = await reportsApi.saveLayout(app, key, asked.tiles, asked.remove);
      const byId = new Map(asked.tiles.map((p) => [p.id, p]));
      loaded.setData({ ...dash, version: reply?.version ?? dash.version,
        tiles: editTiles.map((tl) => ({ ...tl, ...byId.get(tl.id), widget: tl.widget })) });
      stopEditing();
      loaded.reload();
      void message.success(t("toolbar.saved", { v: reply?.version ?? "" }));
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
  const original = new Set(tiles.map((tl) => tl.id));
  const renderTile = (tile: TileDef) => (tile.widget ? (
    <WidgetTile app={app} dashboard={key} tile={tile} lang={lang} tick={tick} editing={draft != null}
      unsaved={!original.has(tile.id)} onRemove={() => removeTile(tile.id)} />
  ) : (
    <DashboardTile app={app} dashboard={key} tile={tile} values={asked} filterNames={filterNames} lang={lang} tick={tick}
      editing={draft != null} />
  ));
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
            onEdit={() => { setSaveError(null); setDraft(layout); setEditTiles(tiles); }} onSave={() => void save()}
            onCancel={stopEditing} onAdd={() => setAdding(true)} />
        </div>
        {dash.description ? <div className="trr-muted trr-description">{tx(dash.description)}</div> : null}
        {saveError ? <Alert type="error" showIcon closable title={saveError} className="trr-save-error" data-testid="layout-error"
          onClose={() => setSaveError(null)} /> : null}
        <FilterBar filters={filters} values={values} onChange={setValues} />
        <DashboardGrid tiles={shown} layout={draft ?? layout} editing={draft != null} onLayoutChange={onLayoutChange}
          renderTile={renderTile} />
        {adding ? <AddWidgetModal app={app} lang={lang} onAdd={addWidget} onClose={() => setAdding(false)} /> : null}
      </div>
    </ConfigProvider>
  );
}
