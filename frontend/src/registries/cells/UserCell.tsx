/** A user by name (the username in a tooltip). */
import { UserOutlined } from "@ant-design/icons";
import { Tooltip } from "antd";
import { idOf, isExpanded, userOf } from "../entities";
import { userLabel } from "../format";
import type { CellProps } from "../types";

export default function UserCell({ value }: CellProps) {
  const id = idOf(value);
  if (id == null) return null;
  const username = (isExpanded(value) && value.username) || userOf(id)?.username;
  return (
    <Tooltip title={username}>
      <span style={{ whiteSpace: "nowrap" }}><UserOutlined style={{ color: "#8c8c8c", marginInlineEnd: 4 }} />{userLabel(value)}</span>
    </Tooltip>
  );
}
