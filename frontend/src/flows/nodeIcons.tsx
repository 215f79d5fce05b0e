/** The icon of a node type on the canvas and in the palette (by type, else by category). */
import {
  ApiOutlined, BellOutlined, BranchesOutlined, CalculatorOutlined, CheckSquareOutlined, ClockCircleOutlined,
  DatabaseOutlined, EditOutlined, FileAddOutlined, ForkOutlined, NodeIndexOutlined, PlusSquareOutlined, RetweetOutlined,
  SearchOutlined, StopOutlined, UserSwitchOutlined,
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
};

const BY_CATEGORY: Record<string, ReactNode> = { data: <DatabaseOutlined />, message: <BellOutlined /> };

export function nodeIcon(type: string, category?: string): ReactNode {
  return BY_TYPE[type] ?? (category ? BY_CATEGORY[category] : undefined) ?? <PlusSquareOutlined />;
}

/** The accent colour of a category (the card's left edge and icon). */
export const CATEGORY_COLOR: Record<string, string> = {
  flow: "#722ed1", data: "#1677ff", message: "#fa8c16", people: "#13c2c2", integration: "#eb2f96",
};
