/** The left pane: the form's fields (and the fields of the forms its relations point at, one
 * hop away), searchable, each dragged onto the dimensions or the measures; the count of
 * records on top. */
import { SearchOutlined } from "@ant-design/icons";
import { Empty, Input, Typography } from "antd";
import { useState } from "react";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import FieldItem from "./FieldItem";
import { matches } from "./fields";
import { useDesignerText } from "./i18n";

export default function FieldPanel() {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { groups, add } = useDesigner();
  const [q, setQ] = useState("");
  const shown = groups.map((g) => ({ ...g, fields: g.fields.filter((f) => matches(f, q)) })).filter((g) => g.fields.length);

  return (
    <div className="trd-pane trd-fields-pane" data-testid="rd-fields">
      <div className="trd-pane-title">{t("fields.title")}</div>
      <Input size="small" allowClear prefix={<SearchOutlined />} placeholder={t("fields.search")} value={q}
        onChange={(e) => setQ(e.target.value)} data-testid="rd-field-search" />
      <Typography.Paragraph type="secondary" className="trd-hint">{t("fields.dragHint")}</Typography.Paragraph>
      <div className="trd-field-list">
        {!q && <FieldItem field={null} onMeasure={() => add("measure", null)} />}
        {shown.map((g) => (
          <div key={g.via?.id ?? ""} className="trd-field-group">
            <div className="trd-group-title">{g.via ? t("fields.via", { name: tx(g.label, g.form) }) : t("fields.own")}</div>
            {g.fields.map((f) => (
              <FieldItem key={f.path} field={f} onDimension={f.dimension ? () => add("dimension", f) : undefined}
                onMeasure={() => add("measure", f)} />
            ))}
          </div>
        ))}
        {q && !shown.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fields.none")} />}
      </div>
    </div>
  );
}
