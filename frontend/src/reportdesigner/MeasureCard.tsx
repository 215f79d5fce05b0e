/** A placed measure: an aggregate of a field (the aggregates its type allows; a percentile
 * with its p), its number format, its own filter (only the matching records), its names and
 * id in a popover; a formula measure shows its formula and opens the formula editor. The
 * server's problems with it underneath. */
import { CloseOutlined, EditOutlined, FilterOutlined, FunctionOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, InputNumber, Popover, Select, Tooltip } from "antd";
import { useState } from "react";
import TypeIcon from "../designer/components/TypeIcon";
import { useLang } from "../i18n/text";
import ConditionModal from "./ConditionModal";
import { useDesigner } from "./designerContext";
import { measureDnd } from "./dnd";
import { formulaText } from "./formula";
import FormulaModal from "./FormulaModal";
import { useDesignerText } from "./i18n";
import MeasureSettings from "./MeasureSettings";
import { FORMATS, removeMeasure, updateMeasure, type Agg, type Format, type Measure } from "./model";
import ProblemNote from "./ProblemNote";
import SortableCard from "./SortableCard";
import { useFilterWords } from "./useFilterWords";

export default function MeasureCard({ measure, index }: { measure: Measure; index: number }) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, fields, change, placed, form } = useDesigner();
  const [editing, setEditing] = useState<"filter" | "formula" | null>(null);
  const words = useFilterWords(form?.fields ?? []);
  const field = measure.field ? fields.get(measure.field) ?? null : null;
  const formula = measure.formula !== undefined;
  const edit = (patch: Partial<Measure>) => change((d) => updateMeasure(d, index, patch, field));
  const aggs: Agg[] = field ? field.aggregates : measure.field ? [measure.agg ?? "count"] : ["count"];
  const name = (id: string) => tx(def.measures.find((m) => m.id === id)?.label, id);
  const filterText = measure.filter ? words(measure.filter) : null;

  return (
    <SortableCard id={measureDnd(measure.id)} testId={`rd-measure-${index}`} invalid={placed.has(`measures/${index}`)}>
      <div className="trd-card-head">
        <span className="trd-field-icon">
          {formula ? <FunctionOutlined /> : field ? <TypeIcon type={field.type} /> : <span className="trd-hash">#</span>}
        </span>
        <span className="trd-card-title" title={measure.id}>{tx(measure.label, measure.id)}</span>
        <Popover trigger="click" content={<MeasureSettings key={measure.id} index={index} />} title={t("measure.settings")}>
          <Button size="small" type="text" icon={<SettingOutlined />} aria-label={t("measure.settings")} title={t("measure.settings")}
            data-testid={`rd-measure-settings-button-${index}`} />
        </Popover>
        <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t("measure.remove")} title={t("measure.remove")}
          onClick={() => change((d) => removeMeasure(d, index))} data-testid={`rd-measure-remove-${index}`} />
      </div>
      <div className="trd-card-controls">
        {formula ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing("formula")} className="trd-formula-text"
            data-testid={`rd-measure-formula-${index}`} title={t("measure.editFormula")}>
            <span className="trd-ellipsis">{formulaText(measure.formula, name)}</span>
          </Button>
        ) : (
          <>
            <Select size="small" value={measure.agg ?? "count"} className="trd-agg" aria-label={t("measure.agg")}
              data-testid={`rd-measure-agg-${index}`} popupMatchSelectWidth={false}
              onChange={(agg: Agg) => edit({ agg })} options={aggs.map((a) => ({ value: a, label: t(`aggs.${a}`) }))} />
            {measure.agg === "percentile" && (
              <InputNumber size="small" min={1} max={99} precision={0} prefix="P" style={{ width: 76 }} aria-label={t("measure.p")}
                value={Math.round((measure.p ?? 0.9) * 100)} data-testid={`rd-measure-p-${index}`}
                onChange={(n) => typeof n === "number" && edit({ p: n / 100 })} />
            )}
          </>
        )}
        <Select size="small" value={measure.format ?? "number"} className="trd-format" aria-label={t("measure.format")}
          data-testid={`rd-measure-format-${index}`} popupMatchSelectWidth={false}
          onChange={(format: Format) => edit({ format })} options={FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))} />
        {!formula && (
          <Tooltip title={t("measure.filterTitle")}>
            <Button size="small" icon={<FilterOutlined />} type={measure.filter ? "primary" : "default"} ghost={Boolean(measure.filter)}
              onClick={() => setEditing("filter")} data-testid={`rd-measure-filter-${index}`}>{t("measure.filter")}</Button>
          </Tooltip>
        )}
      </div>
      {filterText && <div className="trd-muted trd-small trd-card-note">{t("measure.filterOn", { text: filterText })}</div>}
      <ProblemNote at={`measures/${index}`} />
      {editing === "filter" && (
        <ConditionModal title={t("measure.filterTitle")} value={measure.filter ?? undefined} onClose={() => setEditing(null)}
          onOk={(filter) => edit({ filter: filter ?? null })} />
      )}
      {editing === "formula" && <FormulaModal index={index} onClose={() => setEditing(null)} />}
    </SortableCard>
  );
}
