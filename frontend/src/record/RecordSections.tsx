/** A record's fields grouped by the definition's layout sections, read-only (conditions applied). */
import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { traitsOf } from "../api/fieldTypes";
import type { FieldDef, FormDef, RecordRow } from "../api/types";
import { useLang } from "../i18n/text";
import { cellFor } from "../registries";
import type { WidgetContext } from "../registries/types";
import { fieldStates } from "./conditions";
import { toFormData } from "./schemaBuild";


export default function RecordSections({ def, record, ctx }: { def: FormDef; record: RecordRow; ctx: WidgetContext }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const states = fieldStates(def, toFormData(def, record));
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const visible = (id: string) => byId.has(id) && states.get(id)?.visible !== false;
  const placed = new Set<string>();
  const sections = (def.layout ?? []).map((s) => {
    const ids = s.fields.filter((id) => visible(id) && !placed.has(id));
    ids.forEach((id) => placed.add(id));
    return { title: tx(s.section), columns: s.columns ?? 2, ids };
  });
  const rest = def.fields.map((f) => f.id).filter((id) => visible(id) && !placed.has(id));
  if (rest.length) sections.push({ title: sections.length ? t("record.other") : "", columns: 2, ids: rest });

  const item = (f: FieldDef, columns: number) => {
    const Cell = cellFor(f.type);
    return {
      key: f.id,
      label: tx(f.label, f.id),
      span: traitsOf(f.type).wide ? columns : 1,
      children: <span data-field={f.id}><Cell field={f} value={record[f.id]} record={record} ctx={ctx} /></span>,
    };
  };
  return (
    <>
      {sections.filter((s) => s.ids.length).map((s, i) => (
        <Descriptions key={i} title={s.title || undefined} bordered size="small" column={{ xs: 1, sm: 1, md: Math.min(s.columns, 2), lg: s.columns }}
          style={{ marginBottom: 20 }} styles={{ label: { width: 160 } }}
          items={s.ids.map((id) => item(byId.get(id)!, s.columns))} />
      ))}
    </>
  );
}
