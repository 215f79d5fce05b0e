/** The live preview: the draft drawn as readers will see it (ReportView), how many rows it
 * has and how long its query took; while the draft is refused, the problems that name no part
 * of the designer and the last preview that worked, dimmed. Clicks do not drill down here. */
import { LoadingOutlined } from "@ant-design/icons";
import { Alert, Empty, Spin } from "antd";
import type { MouseEvent } from "react";
import { useLang } from "../i18n/text";
import { ReportView } from "../reports/ReportView";
import "../reports/reports.css";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { WHOLE } from "./problems";
import ProblemNote from "./ProblemNote";
import type { PreviewState } from "./usePreview";

/** Keep a click on a mark or a cell from drilling into records of a report not yet published. */
const noDrill = (e: MouseEvent) => {
  if ((e.target as Element).closest?.(".trr-vega, .trr-clickable")) e.stopPropagation();
};

export default function PreviewPane({ state, ready }: { state: PreviewState; ready: boolean }) {
  const { t } = useDesignerText();
  const { lang } = useLang();
  const { app, placed } = useDesigner();
  const { response, loading, stale, problems } = state;
  const data = response?.data;

  return (
    <section className="trd-preview" data-testid="rd-preview" aria-busy={loading}>
      <div className="trd-section-head">
        <span className="trd-section-title">{t("preview.title")}</span>
        <span className="trd-grow" />
        {loading && <span className="trd-muted trd-small" data-testid="rd-preview-loading"><LoadingOutlined /> {t("preview.updating")}</span>}
      </div>
      {problems.length > 0 && (
        <Alert type="error" showIcon className="trd-preview-alert" data-testid="rd-preview-problems"
          title={t(stale ? "preview.problemsStale" : "preview.problems")}
          description={placed.has(WHOLE) ? <ProblemNote at={WHOLE} testId="rd-problems-report" /> : undefined} />
      )}
      {!ready ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("preview.hint")} />
      ) : response && data ? (
        <div className={`trd-preview-body${stale ? " trd-stale" : ""}`} onClickCapture={noDrill}>
          <ReportView report={response} lang={lang} app={app} />
          <div className="trd-preview-meta" data-testid="rd-preview-meta">
            {t("preview.meta", { rows: data.rows.length, ms: data.took_ms ?? "–" })}
          </div>
        </div>
      ) : loading ? <Spin style={{ display: "block", margin: "48px auto" }} /> : null}
    </section>
  );
}
