/** A placed dimension: its field, a period for a date (日/周/月/季/年), or "top N" for any
 * other (the rest as 其他), removed with its ×; the server's problems with it underneath. */
import { CloseOutlined } from "@ant-design/icons";
import { Button, Checkbox, InputNumber, Select, Tooltip } from "antd";
import TypeIcon from "../designer/components/TypeIcon";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { dimensionDnd } from "./dnd";
import { useDesignerText } from "./i18n";
import { BUCKETS, MAX_TOP, removeDimension, updateDimension, type Bucket, type Dimension } from "./model";
import ProblemNote from "./ProblemNote";
import SortableCard from "./SortableCard";

export default function DimensionCard({ dim, index }: { dim: Dimension; index: number }) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { fields, change, placed } = useDesigner();
  const field = fields.get(dim.field);
  const edit = (patch: Partial<Dimension>) => change((d) => updateDimension(d, index, patch));
  const periods = field?.periods || Boolean(dim.bucket);

  return (
    <SortableCard id={dimensionDnd(dim.field)} testId={`rd-dimension-${index}`} invalid={placed.has(`dimensions/${index}`)}>
      <div className="trd-card-head">
        {field && <span className="trd-field-icon"><TypeIcon type={field.type} /></span>}
        <span className="trd-card-title" title={dim.field}>{tx(dim.label, "") || tx(field?.label, dim.field)}</span>
        <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t("dimension.remove")} title={t("dimension.remove")}
          onClick={() => change((d) => removeDimension(d, index))} data-testid={`rd-dimension-remove-${index}`} />
      </div>
      <div className="trd-card-controls">
        {periods ? (
          <Select size="small" value={dim.bucket ?? null} className="trd-period" data-testid={`rd-dimension-period-${index}`}
            aria-label={t("dimension.period")} onChange={(bucket: Bucket | null) => edit({ bucket: bucket ?? undefined })}
            options={BUCKETS.map((p) => ({ value: p, label: t(`periods.${p}`) }))} popupMatchSelectWidth={false} allowClear placeholder={t("dimension.period")} />
        ) : null}
        {!dim.bucket && (
          <Tooltip title={t("dimension.topHelp")}>
            <span className="trd-top">
              <Checkbox checked={Boolean(dim.top)} onChange={(e) => edit({ top: e.target.checked ? 10 : undefined })}
                data-testid={`rd-dimension-top-${index}`}>{t("dimension.top")}</Checkbox>
              {dim.top ? (
                <InputNumber size="small" min={1} max={MAX_TOP} precision={0} value={dim.top} style={{ width: 72 }}
                  onChange={(n) => edit({ top: typeof n === "number" ? n : undefined })} data-testid={`rd-dimension-top-n-${index}`} />
              ) : null}
            </span>
          </Tooltip>
        )}
      </div>
      <ProblemNote at={`dimensions/${index}`} />
    </SortableCard>
  );
}
