/**
 * /apps/:app/reports/:key/design and /apps/:app/reports/new: the report designer. A new report
 * starts from its form and names (NewReportDialog); an existing one from its draft. Left the
 * form's fields, in the middle the dimensions and measures they are dragged onto with the
 * filter, sort, limit and comparison, right the chart type and the live preview of the draft
 * (posted ~400 ms after each change). Saving stores the draft, publishing makes it the
 * report readers see; every problem the server names is shown next to the part it names.
 */
import { App as AntApp, Button, Result, Spin } from "antd";
import { useCallback, useMemo } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import type { Text } from "../api/types";
import { useLeaveWarning } from "../hooks/useLeaveWarning";
import { useLang } from "../i18n/text";
import { useSession } from "../shell/SessionContext";
import BuildPane from "./BuildPane";
import ChartOptions from "./ChartOptions";
import ChartPicker from "./ChartPicker";
import { DesignerContext, type DesignerContextValue } from "./designerContext";
import DesignerDnd from "./DesignerDnd";
import DesignerToolbar from "./DesignerToolbar";
import FieldPanel from "./FieldPanel";
import { byPath } from "./fields";
import { useDesignerText } from "./i18n";
import { addDimension, addMeasure, blankReport, toDefinition, type AddProblem, type FieldChoice } from "./model";
import NameBar from "./NameBar";
import NewReportDialog from "./NewReportDialog";
import PreviewPane from "./PreviewPane";
import ProblemNote from "./ProblemNote";
import { placeProblems, type Problem } from "./problems";
import { useFieldGroups } from "./useFieldGroups";
import { usePreview } from "./usePreview";
import { useReportDraft } from "./useReportDraft";
import "./reportdesigner.css";

const REFUSALS: Record<AddProblem, string> = {
  full: "zones.full", duplicate: "zones.duplicate", not_dimension: "zones.notDimension", not_measure: "zones.notMeasure",
};

/** Problems of two sources once each (a save's and the preview's often agree). */
function merged(a: Problem[], b: Problem[]): Problem[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const key = `${p.pointer}|${JSON.stringify(p.message)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default function ReportDesignerPage() {
  const { app = "", key } = useParams();
  const { t } = useDesignerText();
  const { lang } = useLang();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const draft = useReportDraft(app, key);
  const { def, change } = draft;
  const loaded = useFieldGroups(app, def?.form);
  useLeaveWarning(draft.dirty);

  const ready = Boolean(def && def.form && def.measures.length && loaded.data);
  const body = useMemo(() => (def && ready ? toDefinition(def) : null), [def, ready]);
  const preview = usePreview(app, body, lang);
  const problems = useMemo(() => merged(draft.problems, preview.problems), [draft.problems, preview.problems]);

  const groups = loaded.data?.groups;
  const fields = useMemo(() => byPath(groups ?? []), [groups]);
  const add = useCallback((as: "dimension" | "measure", field: FieldChoice | null, at?: number) => {
    if (!def) return;
    const tried = as === "dimension" ? (field ? addDimension(def, field, at) : null) : addMeasure(def, field, at);
    if (!tried) return;
    if (tried.problem) void message.warning(t(REFUSALS[tried.problem]));
    else change(() => tried.def);
  }, [def, change, message, t]);

  if (me && !me.is_admin) return <Result status="403" title={t("loadFailed")} />;
  if (draft.loadError) {
    return <Result status="warning" title={t("loadFailed")} subTitle={errorText(draft.loadError, lang)}
      extra={<Button onClick={draft.reload}>{t("retry")}</Button>} />;
  }
  if (!def) {
    if (key) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
    return <NewReportDialog app={app} taken={draft.taken} onCancel={() => navigate(`/apps/${app}/reports`)}
      onStart={(form: string, id: string, label: Text) => draft.start(blankReport(form, id, label))} />;
  }

  const context: DesignerContextValue = {
    app, def, change, form: loaded.data?.form ?? null, groups: groups ?? [], fields, placed: placeProblems(problems), add,
  };
  const act = async (what: "save" | "publish") => {
    const wasNew = !draft.stored;
    if (wasNew && draft.taken.includes(def.id)) { // saving would write over another report's draft
      void message.error(t("create.idTaken"));
      return;
    }
    const outcome = await (what === "save" ? draft.save() : draft.publish());
    if (outcome.ok) {
      void message.success(what === "save" ? t("toolbar.saved") : t("toolbar.published", { v: outcome.version }));
      if (wasNew) navigate(`/apps/${app}/reports/${def.id}/design`, { replace: true });
    } else if (outcome.problems.some((p) => p.pointer !== undefined)) {
      void message.error(t(what === "save" ? "toolbar.saveFailed" : "toolbar.publishFailed"));
    } else void message.error(errorText(outcome.error, lang));
  };

  return (
    <DesignerContext.Provider value={context}>
      <div className="trd-page" data-testid="report-designer">
        <DesignerToolbar app={app} def={def} stored={draft.stored} dirty={draft.dirty} version={draft.version} busy={draft.busy}
          onSave={() => void act("save")} onPublish={() => void act("publish")} />
        <NameBar stored={draft.stored} taken={draft.taken} />
        {loaded.error ? <Result status="warning" title={errorText(loaded.error, lang)} /> : null}
        <DesignerDnd>
          <div className="trd-panes">
            <FieldPanel />
            <BuildPane />
            <div className="trd-pane trd-side-pane">
              <section className="trd-section" data-testid="rd-chart">
                <div className="trd-section-head"><span className="trd-section-title">{t("chart.title")}</span></div>
                <ChartPicker />
                <ChartOptions />
                <ProblemNote at="chart" />
              </section>
              <PreviewPane state={preview} ready={ready} />
            </div>
          </div>
        </DesignerDnd>
      </div>
    </DesignerContext.Provider>
  );
}
