/** The small line under a report: how long ago its figures were computed (kept current),
 * how long the query took, and a note when the server cut the figures short. */
import { useEffect, useState } from "react";
import { ageOf, tookText } from "./format";
import { useReportsText } from "./i18n";
import type { ReportData } from "./types";

export default function ReportFooter({ data }: { data: ReportData }) {
  const { t } = useReportsText();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, [data.fresh_at]);
  const age = ageOf(data.fresh_at, now);
  const took = tookText(data.took_ms);
  const parts = [
    age ? t(`footer.fresh.${age.unit}`, { n: age.n }) : null,
    took ? t("footer.took", { t: took }) : null,
  ].filter(Boolean);
  return (
    <div className="trr-footer" data-testid="report-footer">
      <span>{parts.join(" · ")}</span>
      {data.truncated ? <span className="trr-truncated">{t("footer.truncated")}</span> : null}
    </div>
  );
}
