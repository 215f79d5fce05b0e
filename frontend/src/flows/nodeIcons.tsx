/** The icon and accent colour of a node type on the canvas and in the palette (by type, else by category). */
import {
  ApiOutlined, AuditOutlined, BellOutlined, BranchesOutlined, CalculatorOutlined, CheckSquareOutlined, ClockCircleOutlined,
  DatabaseOutlined, EditOutlined, FileAddOutlined, ForkOutlined, NodeIndexOutlined, PlusSquareOutlined, RetweetOutlined,
  SearchOutlined, SendOutlined, SolutionOutlined, StopOutlined, UserSwitchOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

const BY_TYPE: Record<string, ReactNode> = {
  branch: <BranchesOutlined />,
  parallel: <ForkOutlined />,
  for_each: <RetweetOutlined />,
  wait: <ClockCircleOutlined />,
  end: <StopOutlined />,
  create_record: <FileAddOutlined />,
  update_records: <EditOutlined />,
  query_records: <SearchOutlined />,
  notify: <BellOutlined />,
  create_task: <CheckSquareOutlined />,
  assign_owner: <UserSwitchOutlined />,
  http_request: <ApiOutlined />,
  set_variable: <CalculatorOutlined />,
  call_flow: <NodeIndexOutlined />,
  approval: <AuditOutlined />,
  handle: <SolutionOutlined />,
  cc: <SendOutlined />,
};

const BY_CATEGORY: Record<string, ReactNode> = { data: <DatabaseOutlined />, message: <BellOutlined /> };

export function nodeIcon(type: string, category?: string): ReactNode {
  return BY_TYPE[type] ?? (category ? BY_CATEGORY[category] : undefined) ?? <PlusSquareOutlined />;
}

/** The accent colour of a category (the card's left edge and icon). */
export const CATEGORY_COLOR: Record<string, string> = {
  flow: "#722ed1", data: "#1677ff", message: "#fa8c16", people: "#13c2c2", integration: "#eb2f96",
};

/** The human steps' own colours, as 钉钉 / 飞书 show them: approval orange, handle blue, cc green. */
export const TYPE_COLOR: Record<string, string> = { approval: "#ff943e", handle: "#3296fa", cc: "#15bc83" };

/** The accent colour of a node type (its own, else its category's). */
export function nodeColor(type: string, category?: string): string {
  return TYPE_COLOR[type] ?? CATEGORY_COLOR[category ?? ""] ?? "#1677ff";
}
