/** The small icon of a chart type in the picker (a generic one for a type a plugin adds). */
import {
  AppstoreOutlined, AreaChartOutlined, BarChartOutlined, BorderInnerOutlined, DotChartOutlined, FundOutlined,
  FunnelPlotOutlined, HeatMapOutlined, LineChartOutlined, PieChartOutlined, TableOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

const ICONS: Record<string, ComponentType> = {
  bar: BarChartOutlined,
  line: LineChartOutlined,
  area: AreaChartOutlined,
  pie: PieChartOutlined,
  scatter: DotChartOutlined,
  heatmap: HeatMapOutlined,
  funnel: FunnelPlotOutlined,
  kpi: FundOutlined,
  table: TableOutlined,
  pivot: BorderInnerOutlined,
};

export default function ChartIcon({ type }: { type: string }) {
  const Icon = ICONS[type] ?? AppstoreOutlined;
  return <Icon />;
}
