/** What a role grants on one form (or on every other form): the actions as checkboxes in words,
 * the row scope, and the field permissions (per form only). Unchecking every action takes the
 * form out of the role. */
import { Checkbox, Typography } from "antd";
import type { Action, FieldDef } from "../../api/types";
import { useAdminText } from "../i18n";
import FieldMatrix from "./FieldMatrix";
import { ACTIONS, toggleAction } from "./model";
import type { Grant } from "./model";
import ScopeEditor, { useFieldChoices } from "./ScopeEditor";

interface Props {
  app: string;
  grant: Grant | undefined;
  onChange: (grant: Grant | undefined) => void;
  /** the form's fields; null for the grant on every other form (no scope presets, no field matrix) */
  fields: FieldDef[] | null;
  testId: string;
}

export default function GrantEditor({ app, grant, onChange, fields, testId }: Props) {
  const { t } = useAdminText();
  const choices = useFieldChoices(app, fields ?? []);
  const current: Grant = grant ?? { actions: [], scope: { kind: "all" } };
  const toggle = (a: Action, on: boolean) => {
    const next = toggleAction(current, a, on);
    onChange(next.actions.length ? next : undefined);
  };
  const reads = current.actions.includes("read");
  return (
    <div data-testid={testId}>
      <Checkbox.Group value={current.actions} style={{ marginBottom: 12 }}>
        {ACTIONS.map((a) => (
          <Checkbox key={a} value={a} data-testid={`${testId}-action-${a}`} onChange={(e) => toggle(a, e.target.checked)}>
            {t(`roles.actions.${a}`)}
          </Checkbox>
        ))}
      </Checkbox.Group>
      {grant && (fields !== null || grant.scope.kind !== "all") && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ display: "block", marginBottom: 4 }}>{t("roles.scope.title")}</Typography.Text>
          <ScopeEditor scope={current.scope} fields={fields ?? []} choices={choices} testId={`${testId}-scope`}
            onChange={(scope) => onChange({ ...current, scope })} />
        </div>
      )}
      {grant && fields !== null && reads && (
        <div>
          <Typography.Text strong style={{ display: "block", marginBottom: 4 }}>{t("roles.fields.title")}</Typography.Text>
          <FieldMatrix grant={current} fields={fields} onChange={onChange} testId={`${testId}-fields`} />
        </div>
      )}
    </div>
  );
}
