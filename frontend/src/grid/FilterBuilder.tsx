/** The visual filter builder (react-awesome-query-builder, loaded on demand): edits a JsonLogic
 * filter. Every edit is reported as a draft (`onDraft`), so closing the drawer without applying
 * (Esc, the close button, a click outside) keeps the conditions: reopened, it starts from that
 * draft, says so, and offers to discard it. */
import { Builder, Query, Utils as QbUtils } from "@react-awesome-query-builder/antd";
import type { BuilderProps, Config, ImmutableTree, JsonLogicTree } from "@react-awesome-query-builder/antd";
import "@react-awesome-query-builder/antd/css/styles.css";
import { Alert, Button, Space, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormDef, JsonLogic } from "../api/types";
import { useFilterConfig } from "../conditions/useFilterConfig";

interface Props {
  app: string;
  def: FormDef;
  value: JsonLogic;
  onApply: (logic: JsonLogic) => void;
  /** the unapplied tree the builder was left with, to start from instead of `value` */
  draft?: unknown;
  /** the tree after each edit (null: the draft was discarded) */
  onDraft: (tree: unknown) => void;
}

const emptyTree = () => QbUtils.loadTree({ id: QbUtils.uuid(), type: "group" });

export default function FilterBuilder({ app, def, value, onApply, draft, onDraft }: Props) {
  const { t } = useTranslation();
  const config = useFilterConfig(app, def.fields);

  const [tree, setTree] = useState<ImmutableTree | null>(null);
  const [fromDraft, setFromDraft] = useState(draft !== undefined);
  const applied = (cfg: Config) => {
    const loaded = value ? QbUtils.loadFromJsonLogic(value as JsonLogicTree, cfg) : undefined;
    return QbUtils.checkTree(loaded ?? emptyTree(), cfg);
  };
  useEffect(() => {
    if (!config) return;
    setTree(draft !== undefined ? QbUtils.checkTree(draft as ImmutableTree, config) : applied(config));
    // the filter (or the draft) is read once when the builder opens (and when the language changes)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);

  if (!config || !tree) return <Spin />;
  const discard = () => {
    setTree(applied(config));
    setFromDraft(false);
    onDraft(null);
  };
  const apply = () => {
    const { logic } = QbUtils.jsonLogicFormat(tree, config);
    onApply((logic as JsonLogic) ?? null);
  };
  return (
    <div className="trellis-filter-builder">
      {fromDraft && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("grid.filterDraft")} data-testid="filter-draft"
          action={<Button size="small" onClick={discard}>{t("grid.discardDraft")}</Button>} />
      )}
      <Query {...config} value={tree} onChange={(next, _config, action) => {
        setTree(next);
        if (action) onDraft(next); // a user's edit, not the builder's own check of the tree
      }}
        renderBuilder={(props: BuilderProps) => <div className="query-builder"><Builder {...props} /></div>} />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" onClick={apply}>{t("common.apply")}</Button>
        <Button onClick={() => { setTree(QbUtils.checkTree(emptyTree(), config)); onApply(null); }}>{t("grid.clearFilter")}</Button>
      </Space>
    </div>
  );
}
