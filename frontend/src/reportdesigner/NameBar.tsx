/** The report's names in both languages, its id (editable until it is first saved) and its
 * form; the server's problems with them underneath. */
import { Input, Tag, Tooltip } from "antd";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { ID_PATTERN } from "./model";
import ProblemNote from "./ProblemNote";

export default function NameBar({ stored, taken }: { stored: boolean; taken: string[] }) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, change, form } = useDesigner();
  const idProblem = stored ? null : !ID_PATTERN.test(def.id) ? t("create.idBad") : taken.includes(def.id) ? t("create.idTaken") : null;
  return (
    <div className="trd-namebar" data-testid="rd-namebar">
      <label className="trd-name-field">
        <span className="trd-muted trd-small">{t("name.zh")}</span>
        <Input value={def.label.zh ?? ""} data-testid="rd-label-zh"
          onChange={(e) => { const zh = e.target.value; change((d) => ({ ...d, label: { ...d.label, zh } })); }} />
      </label>
      <label className="trd-name-field">
        <span className="trd-muted trd-small">{t("name.en")}</span>
        <Input value={def.label.en ?? ""} data-testid="rd-label-en"
          onChange={(e) => { const en = e.target.value; change((d) => ({ ...d, label: { ...d.label, en } })); }} />
      </label>
      <label className="trd-name-field trd-name-id">
        <span className="trd-muted trd-small">{t("name.id")}</span>
        {stored ? <Input value={def.id} disabled data-testid="rd-id" /> : (
          <Tooltip title={idProblem} open={idProblem ? undefined : false}>
            <Input value={def.id} status={idProblem ? "error" : undefined} data-testid="rd-id"
              onChange={(e) => { const id = e.target.value.trim(); change((d) => ({ ...d, id })); }} />
          </Tooltip>
        )}
      </label>
      <div className="trd-name-field trd-name-form">
        <span className="trd-muted trd-small">{t("name.form")}</span>
        <Tag className="trd-form-tag" data-testid="rd-form">{tx(form?.label, def.form)}</Tag>
      </div>
      <ProblemNote at={["name", "form"]} testId="rd-problems-name" />
    </div>
  );
}
