/** One field in the list: dragged onto the dimensions or the measures, or added with its +
 * menu (where dragging is awkward: a phone, the keyboard). */
import { PlusOutlined } from "@ant-design/icons";
import { useDraggable } from "@dnd-kit/core";
import { Button, Dropdown } from "antd";
import TypeIcon from "../designer/components/TypeIcon";
import { useLang } from "../i18n/text";
import { fieldDnd } from "./dnd";
import { useDesignerText } from "./i18n";
import type { FieldChoice } from "./model";

interface Props {
  /** null: the count of records */
  field: FieldChoice | null;
  onDimension?: () => void;
  onMeasure: () => void;
}

export default function FieldItem({ field, onDimension, onMeasure }: Props) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const path = field?.path ?? "*";
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({ id: fieldDnd(path) });
  const label = field ? tx(field.label, field.path) : t("fields.records");
  const items = [
    ...(onDimension ? [{ key: "dimension", label: t("fields.asDimension"), onClick: onDimension }] : []),
    { key: "measure", label: t("fields.asMeasure"), onClick: onMeasure },
  ];
  return (
    <div ref={setNodeRef} {...listeners} {...attributes} className={`trd-field${isDragging ? " trd-dragging" : ""}`}
      data-testid={`rd-field-${path}`} title={field ? field.path : t("fields.recordsHelp")}>
      <span className="trd-field-icon">{field ? <TypeIcon type={field.type} /> : <span className="trd-hash">#</span>}</span>
      <span className="trd-field-label">{label}</span>
      <Dropdown menu={{ items }} trigger={["click"]}>
        <Button size="small" type="text" icon={<PlusOutlined />} aria-label={t("fields.add")} className="trd-field-add"
          data-testid={`rd-field-add-${path}`} onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} />
      </Dropdown>
    </div>
  );
}
