/** The shared condition builder (conditions/: fields from their traits, the server's operator
 * table) over a report's form, as the grid's filter offers it (departments listed, people and
 * related records searched as typed); every edit reports the JsonLogic built. Loaded on demand. */
import { Builder, Query } from "@react-awesome-query-builder/antd";
import type { BuilderProps, Config, ImmutableTree } from "@react-awesome-query-builder/antd";
import "@react-awesome-query-builder/antd/css/styles.css";
import { Alert, Spin } from "antd";
import { useEffect, useState } from "react";
import type { FormDef, JsonLogic } from "../api/types";
import { useFilterConfig } from "../conditions/useFilterConfig";
import { logicFromTree, treeFromLogic } from "../conditions/logic";

interface Props {
  app: string;
  form: FormDef;
  value: JsonLogic | undefined;
  onChange: (logic: JsonLogic) => void;
}

const renderBuilder = (props: BuilderProps) => <div className="query-builder"><Builder {...props} /></div>;

export default function ConditionBuilder({ app, form, value, onChange }: Props) {
  const config = useFilterConfig(app, form.fields);

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
