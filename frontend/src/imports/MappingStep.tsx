/** Step 2: one row per column of the file (header, sample values) with the field it imports into;
 * warns on a field chosen twice and on required fields left out, and shows the server's 422 errors
 * on the rows they name. */
import { Alert, Flex, Select, Table, Typography } from "antd";
import { useMemo } from "react";
import type { FieldError, ImportColumn, InspectReply, SavedMapping } from "../api/types";
import { textOf, useLang } from "../i18n/text";
import { checkMapping, columnLetter, duplicateColumns, samples, setField, splitErrors } from "./mapping";
import MatchTag from "./MatchTag";
import SavedMappingBar from "./SavedMappingBar";
import { useImportText } from "./i18n";

const SKIP = "__skip__";

interface Props {
  inspect: InspectReply;
  cols: ImportColumn[];
  saved: SavedMapping[];
  serverErrors: FieldError[];
  /** fields the form fills in itself */
  defaulted: ReadonlySet<string>;
  onChange: (cols: ImportColumn[]) => void;
  onApplySaved: (m: SavedMapping) => void;
  onSaveMapping: (name: string) => Promise<boolean>;
}

export default function MappingStep({ inspect, cols, saved, serverErrors, defaulted, onChange, onApplySaved, onSaveMapping }: Props) {
  const { t } = useImportText();
  const { lang, tx } = useLang();
  const fields = inspect.fields;
  const label = (id: string) => { const f = fields.find((x) => x.id === id); return f ? tx(f.label, f.id) : id; };
  const issues = useMemo(() => checkMapping(cols, fields, defaulted), [cols, fields, defaulted]);
  const dups = duplicateColumns(issues);
  const placed = useMemo(() => splitErrors(serverErrors, cols), [serverErrors, cols]);
  const options = [
    { value: SKIP, label: t("skip"), id: "", required: false },
    ...fields.map((f) => ({ value: f.id, label: tx(f.label, f.id), id: f.id, required: Boolean(f.required) })),
  ];
  const headerOf = (c: ImportColumn) => c.header || t("columnN", { n: columnLetter(c.column) });

  const columns = [
    {
      key: "column", title: t("column"), width: 220,
      render: (_: unknown, c: ImportColumn) => (
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" style={{ width: 24 }}>{columnLetter(c.column)}</Typography.Text>
          <Typography.Text strong ellipsis>{headerOf(c)}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: "samples", title: t("samples"), ellipsis: true,
      render: (_: unknown, c: ImportColumn) => (
        <Typography.Text type="secondary">{samples(inspect.preview, c.column).join(" / ")}</Typography.Text>
      ),
    },
    {
      key: "field", title: t("field"), width: 280,
      render: (_: unknown, c: ImportColumn) => {
        const errs = placed.byColumn.get(c.column) ?? [];
        const dup = dups.has(c.column);
        return (
          <div data-testid={`mapping-row-${c.column}`}>
            <Select style={{ width: "100%" }} value={c.field ?? SKIP} options={options} data-testid={`mapping-select-${c.column}`}
              status={errs.length ? "error" : dup ? "warning" : undefined}
              showSearch={{ optionFilterProp: ["label", "id"] }}
              onChange={(v: string) => onChange(setField(cols, c.column, v === SKIP ? null : v))}
              optionRender={(o) => (
                <Flex justify="space-between" gap={8}>
                  <span>{o.data.required && <span className="trellis-required">*</span>}{o.data.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.data.id}</Typography.Text>
                </Flex>
              )} />
            {dup && !errs.length && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t("duplicateRow")}</Typography.Text>}
            {errs.map((e, i) => (
              <div key={i}><Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="mapping-row-error">{textOf(e.message, lang)}</Typography.Text></div>
            ))}
          </div>
        );
      },
    },
    { key: "by", title: t("matched"), width: 110, render: (_: unknown, c: ImportColumn) => <MatchTag by={c.by} /> },
  ];

  return (
    <Flex vertical gap={12}>
      <SavedMappingBar saved={saved} mapped={issues.mapped} total={cols.length} onApply={onApplySaved} onSave={onSaveMapping} />
      {placed.general.map((e, i) => <Alert key={i} type="error" showIcon title={textOf(e.message, lang)} data-testid="mapping-error" />)}
      {issues.mapped === 0 && <Alert type="info" showIcon title={t("nothingMapped")} />}
      {[...issues.duplicates].map(([field, cs]) => (
        <Alert key={field} type="error" showIcon data-testid="mapping-duplicate"
          title={t("duplicate", { field: label(field), columns: cs.map(columnLetter).join(", ") })} />
      ))}
      {issues.missingRequired.length > 0 && (
        <Alert type="warning" showIcon data-testid="mapping-required"
          title={t("requiredMissing", { fields: issues.missingRequired.map(label).join(lang === "en" ? ", " : "、") })}
          description={t("requiredHint")} />
      )}
      <Table size="small" rowKey="column" columns={columns} dataSource={cols} pagination={false} scroll={{ y: "max(240px, calc(100vh - 440px))" }}
        data-testid="mapping-table" />
    </Flex>
  );
}
