/** Records of another form that point at this record (`{"==": [{"var": field}, id]}`), with "new":
 * the related form's key columns (its definition's `list_columns`, else its title and first
 * fields), status fields as their coloured tags, the first column opening the record. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Spin, Table } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { metaCache } from "../api/cache";
import type { FormDef, RecordRow, RelationInfo } from "../api/types";
import { defaultColumns, expandFor } from "../grid/gridState";
import { useRecordList } from "../grid/useRecordList";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { cellFor } from "../registries";
import ErrorResult from "../shell/ErrorResult";
import type { FormWithKeys } from "../record360/types";
import RecordDrawer from "./RecordDrawer";

interface Props {
  app: string;
  relation: RelationInfo;
  id: number;
}

/** The columns listed: the form's key columns the viewer may see, without the relation itself. */
function keyColumns(def: FormWithKeys, relationField: string): string[] {
  const visible = new Set(def.fields.map((f) => f.id));
  const keys = (def.list_columns ?? []).filter((c) => visible.has(c) && c !== relationField);
  return keys.length ? keys : defaultColumns(def, 7).filter((c) => c !== relationField);
}

function RelatedTable({ app, def, relation, id }: Props & { def: FormDef }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [creating, setCreating] = useState(false);
  const columns = useMemo(() => keyColumns(def, relation.field), [def, relation.field]);
  const expand = useMemo(() => expandFor(def, columns), [def, columns]);
  const filter = useMemo(() => ({ "==": [{ var: relation.field }, id] }), [relation.field, id]);
  const list = useRecordList({ app, form: def.id, filter, sort: [], q: "", fields: columns, expand, pageSize: 10,
    paging: "pages", defs: def.fields });
  const ctx = { app, form: def.id };
  const byId = new Map(def.fields.map((f) => [f.id, f]));

  return (
    <>
      {def.actions.includes("create") && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          {t("record.new", { form: tx(def.label, def.id) })}
        </Button>
      )}
      <Table<RecordRow>
        className="trellis-related-list" rowKey="id" size="small" loading={list.loading} dataSource={list.items} scroll={{ x: "max-content" }}
        pagination={{ current: list.page, pageSize: 10, total: list.count ?? undefined, onChange: list.setPage, showSizeChanger: false }}
        columns={columns.map((c, i) => {
          const f = byId.get(c)!;
          const Cell = cellFor(f.type);
          return {
            key: c, title: tx(f.label, c),
            render: (_: unknown, row: RecordRow) => (i === 0
              ? <Link to={`/apps/${app}/forms/${def.id}/records/${row.id}`}><Cell field={f} value={row[c]} record={row} ctx={ctx} /></Link>
              : <Cell field={f} value={row[c]} record={row} ctx={ctx} />),
          };
        })}
      />
      {creating && (
        <RecordDrawer app={app} def={def} preset={{ [relation.field]: id }} onClose={() => setCreating(false)}
          onSaved={() => { setCreating(false); list.reload(); }} />
      )}
    </>
  );
}

export default function RelatedList(props: Props) {
  const { data: def, error, reload } = useAsync(() => metaCache.form(props.app, props.relation.form), [props.app, props.relation.form]);
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!def) return <Spin />;
  return <RelatedTable {...props} def={def} />;
}
