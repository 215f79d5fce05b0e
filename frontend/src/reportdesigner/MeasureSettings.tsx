/** A measure's names in both languages and its id (what formulas and the sort name it by,
 * renamed wherever it is named), in a popover of its card. */
import { Form, Input } from "antd";
import { useState } from "react";
import type { Text } from "../api/types";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { measureIdProblem, updateMeasure } from "./model";

export default function MeasureSettings({ index }: { index: number }) {
  const { t } = useDesignerText();
  const { def, change, fields } = useDesigner();
  const measure = def.measures[index];
  const [id, setId] = useState(measure.id);
  const problem = id === measure.id ? null : measureIdProblem(def, index, id);
  const field = measure.field ? fields.get(measure.field) ?? null : null;
  const label = (patch: Text) => change((d) => updateMeasure(d, index, { label: { ...d.measures[index].label, ...patch } }, field));
  const commitId = () => {
    if (id !== measure.id && !problem) change((d) => updateMeasure(d, index, { id }, field));
  };
  return (
    <Form layout="vertical" size="small" className="trd-settings" data-testid={`rd-measure-settings-${index}`}>
      <Form.Item label={t("measure.labelZh")}>
        <Input value={measure.label?.zh ?? ""} onChange={(e) => label({ zh: e.target.value })} data-testid="rd-measure-label-zh" />
      </Form.Item>
      <Form.Item label={t("measure.labelEn")}>
        <Input value={measure.label?.en ?? ""} onChange={(e) => label({ en: e.target.value })} data-testid="rd-measure-label-en" />
      </Form.Item>
      <Form.Item label={t("measure.id")} validateStatus={problem ? "error" : undefined}
        help={problem === "pattern" ? t("measure.idBad") : problem === "duplicate" ? t("measure.idTaken") : undefined}>
        <Input value={id} onChange={(e) => setId(e.target.value.trim())} onBlur={commitId} onPressEnter={commitId}
          data-testid="rd-measure-id" />
      </Form.Item>
    </Form>
  );
}
