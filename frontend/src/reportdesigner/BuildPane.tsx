/** The middle pane: the dimensions and the measures fields are dropped on (with the formula
 * measure's button), then the report's filter, its sort and row limit, and the comparison
 * with the previous period. */
import { FunctionOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import CompareSection from "./CompareSection";
import { useDesigner } from "./designerContext";
import DimensionCard from "./DimensionCard";
import { DIMENSIONS_ZONE, dimensionDnd, MEASURES_ZONE, measureDnd } from "./dnd";
import DropZone from "./DropZone";
import FilterSection from "./FilterSection";
import FormulaModal from "./FormulaModal";
import { useDesignerText } from "./i18n";
import MeasureCard from "./MeasureCard";
import { MAX_DIMENSIONS, MAX_MEASURES } from "./model";
import ProblemNote from "./ProblemNote";
import SortSection from "./SortSection";

export default function BuildPane() {
  const { t } = useDesignerText();
  const { def } = useDesigner();
  const [formula, setFormula] = useState(false);
  return (
    <div className="trd-pane trd-build-pane">
      <DropZone id={DIMENSIONS_ZONE} testId="rd-zone-dimensions" title={t("zones.dimensions")}
        help={t("zones.dimensionsHelp", { n: MAX_DIMENSIONS })} count={def.dimensions.length} max={MAX_DIMENSIONS}
        items={def.dimensions.map((d) => dimensionDnd(d.field))} empty={t("zones.dropDimension")}
        problems={<ProblemNote at="dimensions" />}>
        {def.dimensions.map((d, i) => <DimensionCard key={d.field} dim={d} index={i} />)}
      </DropZone>
      <DropZone id={MEASURES_ZONE} testId="rd-zone-measures" title={t("zones.measures")}
        help={t("zones.measuresHelp", { n: MAX_MEASURES })} count={def.measures.length} max={MAX_MEASURES}
        items={def.measures.map((m) => measureDnd(m.id))} empty={t("zones.dropMeasure")}
        problems={<ProblemNote at="measures" />}
        extra={<Button size="small" icon={<FunctionOutlined />} onClick={() => setFormula(true)} data-testid="rd-add-formula"
          disabled={def.measures.length >= MAX_MEASURES}>{t("zones.formula")}</Button>}>
        {def.measures.map((m, i) => <MeasureCard key={m.id} measure={m} index={i} />)}
      </DropZone>
      <FilterSection />
      <SortSection />
      <CompareSection />
      {formula && <FormulaModal onClose={() => setFormula(false)} />}
    </div>
  );
}
