/** The report's filter: the records every figure counts, in words, set in the shared condition
 * builder; the server's problems with it underneath. */
import { EditOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useState } from "react";
import ConditionModal from "./ConditionModal";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { setFilter } from "./model";
import ProblemNote from "./ProblemNote";
import { useFilterWords } from "./useFilterWords";

export default function FilterSection() {
  const { t } = useDesignerText();
  const { def, change, form } = useDesigner();
  const [open, setOpen] = useState(false);
  const words = useFilterWords(form?.fields ?? []);
  const text = words(def.filter);
  return (
    <section className="trd-section" data-testid="rd-filter">
      <div className="trd-section-head">
        <span className="trd-section-title">{t("filter.title")}</span>
        <span className="trd-muted trd-small">{t("filter.help")}</span>
        <span className="trd-grow" />
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)} disabled={!form}
            data-testid="rd-filter-edit">{t("filter.edit")}</Button>
          {def.filter != null && (
            <Button size="small" type="text" danger onClick={() => change((d) => setFilter(d, undefined))}
              data-testid="rd-filter-clear">{t("filter.clear")}</Button>
          )}
        </Space>
      </div>
      <div className={`trd-filter-text${text ? "" : " trd-muted"}`} data-testid="rd-filter-text">{text ?? t("filter.none")}</div>
      <ProblemNote at="filter" />
      {open && (
        <ConditionModal title={t("filter.modal")} value={def.filter ?? undefined} onClose={() => setOpen(false)}
          onOk={(logic) => change((d) => setFilter(d, logic ?? undefined))} />
      )}
    </section>
  );
}
