/** Step 3: how to import — insert, upsert (with key fields) or update; all-or-nothing or skip invalid
 * rows. The dry-run and import buttons are in the wizard's footer. */
import { Alert, Flex, Form, Radio, Select, Typography } from "antd";
import type { FieldError, ImportColumn, ImportMode, ImportOnError, InspectReply } from "../api/types";
import { textOf, useLang } from "../i18n/text";
import { checkMapping, keyFields } from "./mapping";
import { useImportText } from "./i18n";

export interface ImportOptions {
  mode: ImportMode;
  keys: string[];
  onError: ImportOnError;
}

interface Props {
  inspect: InspectReply;
  cols: ImportColumn[];
  modes: ImportMode[];
  /** fields the form fills in itself */
  defaulted: ReadonlySet<string>;
  value: ImportOptions;
  errors: FieldError[];
  onChange: (patch: Partial<ImportOptions>) => void;
}

export default function OptionsStep({ inspect, cols, modes, defaulted, value, errors, onChange }: Props) {
  const { t } = useImportText();
  const { lang, tx } = useLang();
  const issues = checkMapping(cols, inspect.fields, defaulted);
  const byId = new Map(inspect.fields.map((f) => [f.id, f]));
  const keyOptions = keyFields(cols, inspect.fields);
  const needsKeys = value.mode !== "insert";

  return (
    <Flex vertical gap={4}>
      <Typography.Paragraph type="secondary" data-testid="import-plan">
        {t("plan", { sheet: inspect.sheet, rows: inspect.total, cols: issues.mapped })}
      </Typography.Paragraph>
      {errors.map((e, i) => <Alert key={i} type="error" showIcon title={textOf(e.message, lang)} style={{ marginBottom: 12 }} data-testid="options-error" />)}
      <Form layout="vertical">
        <Form.Item label={t("mode")} extra={t(`modeHelp.${value.mode}`)}>
          <Radio.Group optionType="button" value={value.mode} onChange={(e) => onChange({ mode: e.target.value as ImportMode })}
            data-testid="import-mode"
            options={(["insert", "upsert", "update"] as const).map((m) => ({ value: m, label: t(`modes.${m}`), disabled: !modes.includes(m) }))} />
        </Form.Item>
        {needsKeys && (
          <Form.Item label={t("keys")} extra={t("keysHelp")} required
            validateStatus={value.keys.length ? undefined : "error"} help={value.keys.length ? undefined : t("keysMissing")}>
            <Select mode="multiple" style={{ maxWidth: 480 }} value={value.keys} onChange={(keys: string[]) => onChange({ keys })}
              data-testid="import-keys" options={keyOptions.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
          </Form.Item>
        )}
        {value.mode !== "update" && issues.missingRequired.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={t("requiredMissing", {
              fields: issues.missingRequired.map((id) => tx(byId.get(id)?.label, id)).join(lang === "en" ? ", " : "、"),
            })} />
        )}
        <Form.Item label={t("onError")} extra={t(`onErrorHelp.${value.onError}`)}>
          <Radio.Group value={value.onError} onChange={(e) => onChange({ onError: e.target.value as ImportOnError })}
            data-testid="import-on-error"
            options={(["all", "skip"] as const).map((o) => ({ value: o, label: t(`onErrors.${o}`) }))} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t("dryRunHelp")}</Typography.Text>
    </Flex>
  );
}
