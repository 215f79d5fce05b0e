/** A placed dimension or measure: moved within its zone by its handle (dnd-kit sortable). */
import { HolderOutlined } from "@ant-design/icons";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import { useDesignerText } from "./i18n";

interface Props {
  id: string;
  testId: string;
  invalid?: boolean;
  children: ReactNode;
}

export default function SortableCard({ id, testId, invalid, children }: Props) {
  const { t } = useDesignerText();
  const { setNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({ id });
  return (
    <div ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} data-testid={testId}
      className={`trd-card${isDragging ? " trd-dragging" : ""}${invalid ? " trd-card-invalid" : ""}`}>
      <span className="trd-handle" {...listeners} {...attributes} title={t("dimension.move")} aria-label={t("dimension.move")}>
        <HolderOutlined />
      </span>
      <div className="trd-card-body">{children}</div>
    </div>
  );
}
