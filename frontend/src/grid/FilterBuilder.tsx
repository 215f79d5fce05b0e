/** The visual filter builder (react-awesome-query-builder, loaded on demand): edits a JsonLogic filter. */
import { AntdConfig, Builder, Query, Utils as QbUtils } from "@react-awesome-query-builder/antd";
import type { BuilderProps, Config, ImmutableTree, JsonLogicTree } from "@react-awesome-query-builder/antd";
import "@react-awesome-query-builder/antd/css/styles.css";
import { Button, Space, Spin } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { metaCache } from "../api/cache";
import type { Department, FormDef, JsonLogic } from "../api/types";
import { useLang } from "../i18n/text";
import { searchRecords, searchUsers } from "../registries/search";
import { buildFilterConfig } from "./filterConfig";

interface Props {
  app: string;
  def: FormDef;
  value: JsonLogic;
  onApply: (logic: JsonLogic) => void;
}

const emptyTree = () => QbUtils.loadTree({ id: QbUtils.uuid(), type: "group" });

export default function FilterBuilder({ app, def, value, onApply }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [departments, setDepartments] = useState<Department[] | null>(null);
  useEffect(() => { metaCache.departments().then(setDepartments, () => setDepartments([])); }, []);

  const config: Config | null = useMemo(() => {
    if (!departments) return null;
    // buildFilterConfig puts every text of the builder, and antd's locale, in `lang`
    return buildFilterConfig(AntdConfig, def, lang, departments, async (field, q) => {
      const found = field.type === "user" ? await searchUsers(q) : await searchRecords(app, field, q, lang);
      return found.map((c) => ({ value: c.value, title: c.label }));
    });
  }, [app, def, lang, departments]);

  const [tree, setTree] = useState<ImmutableTree | null>(null);
  useEffect(() => {
    if (!config) return;
    const loaded = value ? QbUtils.loadFromJsonLogic(value as JsonLogicTree, config) : undefined;
    setTree(QbUtils.checkTree(loaded ?? emptyTree(), config));
    // the filter is read once when the builder opens (and when the language changes)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);

  if (!config || !tree) return <Spin />;
  const apply = () => {
    const { logic } = QbUtils.jsonLogicFormat(tree, config);
    onApply((logic as JsonLogic) ?? null);
  };
  return (
    <div className="trellis-filter-builder">
      <Query {...config} value={tree} onChange={(next) => setTree(next)}
        renderBuilder={(props: BuilderProps) => <div className="query-builder"><Builder {...props} /></div>} />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" onClick={apply}>{t("common.apply")}</Button>
        <Button onClick={() => { setTree(QbUtils.checkTree(emptyTree(), config)); onApply(null); }}>{t("grid.clearFilter")}</Button>
      </Space>
    </div>
  );
}
