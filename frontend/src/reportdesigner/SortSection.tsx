/** The sort (up to four columns, each a dimension or a measure, ascending or descending) and
 * how many rows the report keeps; the server's problems with either underneath. */
import { CloseOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, InputNumber, Select } from "antd";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { MAX_LIMIT, MAX_SORT, setLimit, setSort, sortColumns, type SortKey } from "./model";
import ProblemNote from "./ProblemNote";

export default function SortSection() {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, change, fields } = useDesigner();
  const sort = def.sort ?? [];
  const columns = sortColumns(def);
  const options = [
    { label: t("sort.dimension"), options: columns.filter((c) => c.kind === "dimension")
      .map((c) => ({ value: c.by, label: tx(c.label, "") || tx(fields.get(c.by)?.label, c.by) })) },
    { label: t("sort.measure"), options: columns.filter((c) => c.kind === "measure").map((c) => ({ value: c.by, label: tx(c.label, c.by) })) },
  ].filter((g) => g.options.length);
  const put = (next: SortKey[]) => change((d) => setSort(d, next));
  const unused = columns.find((c) => !sort.some((s) => s.by === c.by));

  return (
    <section className="trd-section" data-testid="rd-sort">
      <div className="trd-section-head">
        <span className="trd-section-title">{t("sort.title")}</span>
        <span className="trd-grow" />
        <Button size="small" icon={<PlusOutlined />} disabled={!unused || sort.length >= MAX_SORT}
          onClick={() => unused && put([...sort, { by: unused.by, desc: unused.kind === "measure" }])}
          data-testid="rd-sort-add">{t("sort.add")}</Button>
      </div>
      {!sort.length && <div className="trd-muted trd-small">{t("sort.none")}</div>}
      {sort.map((s, i) => (
        <div key={i} className="trd-row" data-testid={`rd-sort-${i}`}>
          <Select size="small" value={s.by} options={options} className="trd-grow-select" aria-label={t("sort.by")}
            onChange={(by: string) => put(sort.map((x, j) => (j === i ? { ...x, by } : x)))} />
          <Select size="small" value={s.desc ? "desc" : "asc"} style={{ width: 96 }}
            onChange={(v: string) => put(sort.map((x, j) => (j === i ? { ...x, desc: v === "desc" } : x)))}
            options={[{ value: "asc", label: t("sort.asc") }, { value: "desc", label: t("sort.desc") }]} />
          <Button size="small" type="text" icon={<CloseOutlined />} aria-label="×" onClick={() => put(sort.filter((_, j) => j !== i))} />
        </div>
      ))}
      <ProblemNote at="sort" />
      <div className="trd-row">
        <span>{t("sort.limit")}</span>
        <InputNumber size="small" min={1} max={MAX_LIMIT} precision={0} value={def.limit ?? null} placeholder={t("sort.limitPlaceholder")}
          style={{ width: 110 }} onChange={(n) => change((d) => setLimit(d, typeof n === "number" ? n : null))} data-testid="rd-limit" />
        <span>{t("sort.rows")}</span>
      </div>
      <ProblemNote at="limit" />
    </section>
  );
}
