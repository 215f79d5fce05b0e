/** The shared condition builder (conditions/: fields from their traits, the server's operator
 * table) over a report's form, as the grid's filter offers it (departments listed, people and
 * related records searched as typed); every edit reports the JsonLogic built. Loaded on demand. */
import { AntdConfig, Builder, Query } from "@react-awesome-query-builder/antd";
import type { BuilderProps, Config, ImmutableTree } from "@react-awesome-query-builder/antd";
import "@react-awesome-query-builder/antd/css/styles.css";
import { Alert, Spin } from "antd";
import { useEffect, useMemo, useState } from "react";
import { metaCache } from "../api/cache";
import { traitsOf } from "../api/fieldTypes";
import type { Department, FieldDef, FormDef, JsonLogic } from "../api/types";
import { buildConditionConfig } from "../conditions/config";
import { conditionFields } from "../conditions/fields";
import { logicFromTree, treeFromLogic } from "../conditions/logic";
import { useLang } from "../i18n/text";
import { searchRecords, searchUsers } from "../registries/search";

interface Props {
  app: string;
  form: FormDef;
  value: JsonLogic | undefined;
  onChange: (logic: JsonLogic) => void;
}

const renderBuilder = (props: BuilderProps) => <div className="query-builder"><Builder {...props} /></div>;

export default function ConditionBuilder({ app, form, value, onChange }: Props) {
  const { lang } = useLang();
  const [departments, setDepartments] = useState<Department[] | null>(null);
  useEffect(() => { metaCache.departments().then(setDepartments, () => setDepartments([])); }, []);

  const config: Config | null = useMemo(() => {
    if (!departments) return null;
    const search = async (field: FieldDef, q: string) => {
      const found = traitsOf(field.type).references === "user" ? await searchUsers(q) : await searchRecords(app, field, q, lang);
      return found.map((c) => ({ value: c.value, title: c.label }));
    };
    return buildConditionConfig(AntdConfig, conditionFields(form.fields, lang, "filter", { departments, search }), lang, "filter");
  }, [app, form, lang, departments]);

  const [loaded, setLoaded] = useState<{ tree: ImmutableTree; errors: string[] } | null>(null);
  useEffect(() => {
    // the rule is read once the configuration is ready: the builder owns the tree from then on
    if (config && !loaded) setLoaded(treeFromLogic(value ?? null, config));
  }, [config, loaded, value]);

  if (!config || !loaded) return <Spin />;
  return (
    <div className="trellis-filter-builder" data-testid="rd-condition-builder">
      {loaded.errors.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={loaded.errors.join("; ")} />}
      <Query {...config} value={loaded.tree} onChange={(next: ImmutableTree, conf: Config) => {
        setLoaded({ tree: next, errors: loaded.errors });
        onChange(logicFromTree(next, conf));
      }} renderBuilder={renderBuilder} />
    </div>
  );
}
