/** Page title (form or view), record count, and the actions the user may perform. */
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { FormDef, ViewDef } from "../api/types";
import { useLang } from "../i18n/text";
import { countText } from "../registries/format";
import ExportButton from "./ExportButton";
import type { GridState } from "./gridState";

interface Props {
  app: string;
  def: FormDef;
  view?: ViewDef;
  state: GridState;
  count: number | null;
  countExact: boolean;
  onCreate: () => void;
}

export default function GridHeader({ app, def, view, state, count, countExact, onCreate }: Props) {
  const { t } = useTranslation();
  const { lang, tx } = useLang();
  return (
    <div className="trellis-page-title">
      <h2>{view ? tx(view.label, view.id) : tx(def.label, def.id)}</h2>
      {view && <Tag>{tx(def.label, def.id)}</Tag>}
      {count != null && state.mode === "grid" && (
        <Typography.Text type="secondary" data-testid="record-count">{countText(count, countExact, lang)}</Typography.Text>
      )}
      <div style={{ flex: 1 }} />
      <Space wrap>
        {def.actions.includes("manage") && (
          <Link to={`/apps/${app}/forms/${def.id}/design`}><Button icon={<EditOutlined />}>{t("menu.design")}</Button></Link>
        )}
        {def.actions.includes("export") && (
          <ExportButton app={app} def={def} columns={state.columns} filter={state.filter} sort={state.sort} q={state.q} />
        )}
        {def.actions.includes("create") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-record">{t("common.create")}</Button>
        )}
      </Space>
    </div>
  );
}
