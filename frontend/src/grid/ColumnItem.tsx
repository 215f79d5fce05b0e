/** One shown column in the column chooser: a drag handle (a pin for the title column, which
 * always comes first) and a checkbox. */
import { HolderOutlined, PushpinOutlined } from "@ant-design/icons";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Checkbox } from "antd";

interface Props {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  /** the title column: not dragged, always first */
  pinned?: boolean;
  onToggle: () => void;
}

export default function ColumnItem({ id, label, checked, disabled, pinned, onToggle }: Props) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: pinned });
  return (
    <div ref={setNodeRef} data-column={id}
      style={{ transform: CSS.Transform.toString(transform), transition, display: "flex", alignItems: "center",
        gap: 8, padding: "4px 8px", background: isDragging ? "#e6f4ff" : undefined, borderRadius: 4 }}>
      {pinned
        ? <PushpinOutlined style={{ color: "#8c8c8c" }} />
        : <HolderOutlined {...attributes} {...listeners} style={{ cursor: "grab", color: "#8c8c8c" }} />}
      <Checkbox checked={checked} disabled={disabled} onChange={onToggle}>{label}</Checkbox>
    </div>
  );
}
