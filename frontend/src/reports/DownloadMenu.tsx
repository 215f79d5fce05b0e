/** A report's downloads: the drawn chart as PNG or SVG (vega's toImageURL; a chart the
 * browser draws itself has none) and its figures as xlsx from the server, under the same
 * filters as shown (a tile's applied rule). */
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import type { View } from "vega";
import { errorText } from "../api/client";
import type { JsonLogic } from "../api/types";
import type { Lang } from "../i18n";
import { downloadAs } from "../imports/download";
import { reportsApi } from "./api";
import { useReportsText } from "./i18n";

export interface DownloadMenuProps {
  app: string;
  report: string;
  /** the file name without extension */
  name: string;
  lang: Lang;
  filters?: JsonLogic;
  view: View | null;
  size?: "small" | "middle";
}

const safe = (name: string) => name.replace(/[\\/:*?"<>|]+/g, "_").trim() || "report";

export default function DownloadMenu({ app, report, name, lang, filters, view, size = "middle" }: DownloadMenuProps) {
  const { t } = useReportsText();
  const { message } = App.useApp();
  const image = async (kind: "png" | "svg") => {
    if (!view) return;
    const url = await view.toImageURL(kind, kind === "png" ? 2 : 1);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${safe(name)}.${kind}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  const run = (work: () => Promise<unknown>) => {
    work().catch((err: unknown) => void message.error(t("download.failed", { msg: errorText(err, lang) })));
  };
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "png", label: t("download.png"), disabled: !view },
          { key: "svg", label: t("download.svg"), disabled: !view },
          { key: "xlsx", label: t("download.xlsx") },
        ],
        onClick: ({ key }) => {
          if (key === "xlsx") run(() => downloadAs(reportsApi.xlsx(app, report, lang, filters ?? undefined), `${safe(name)}.xlsx`));
          else run(() => image(key as "png" | "svg"));
        },
      }}
    >
      <Button type="text" size={size} icon={<DownloadOutlined />} aria-label={t("download.menu")} title={t("download.menu")}
        data-testid="report-download" />
    </Dropdown>
  );
}
