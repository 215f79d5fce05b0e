/** Page title (form or view), record count, and the actions the user may perform (in the recycle
 * bin: its tag and count only). */
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { FormDef, ViewDef } from "../api/types";
import { useLang } from "../i18n/text";
import ExportMenu from "../imports/ExportMenu";
import ImportButton from "../imports/ImportButton";
import { countText } from "../registries/format";
import type { GridState } from "./gridState";

interface Props {
  app: string;
  def: FormDef;
  view?: ViewDef;
  state: GridState;
  count: number | null;
  countExact: boolean;
  onCreate: () => void;
  bin?: boolean;
  /** an import changed the records (finished, rolled back): reload them */
  onImported?: () => void;
}

export default function GridHeader({ app, def, view, state, count, countExact, onCreate, bin, onImported }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  return (
    <div className="trellis-page-title">
      <h2>{view ? tx(view.label, view.id) : tx(def.label, def.id)}</h2>
      {view && <Tag>{tx(def.label, def.id)}</Tag>}
      {bin && <Tag color="red" data-testid="bin-tag">{t("grid.recycleBin")}</Tag>}
      {count != null && state.mode === "grid" && (
        <Typography.Text type="secondary" data-testid="record-count">{countText(count, countExact, lang)}</Typography.Text>
      )}
      <div style={{ flex: 1 }} />
      <Space wrap>
        {def.actions.includes("manage") && (
          <Link to={`/apps/${app}/forms/${def.id}/design`}><Button icon={<EditOutlined />}>{t("menu.design")}</Button></Link>
        )}
        {!bin && <ImportButton app={app} def={def} onImported={() => onImported?.()} />}
        {!bin && <ExportMenu app={app} def={def} state={state} />}
        {def.actions.includes("create") && !bin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-record">{t("common.create")}</Button>
        )}
      </Space>
    </div>
  );
}
