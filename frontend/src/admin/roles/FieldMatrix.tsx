/** A grant's field permissions as a matrix: a row per field, one choice among 可见 / 只读 / 隐藏; and
 * whether fields added to the form later start hidden. Scrolls inside itself on a narrow screen. */
import { Checkbox, Radio, Typography } from "antd";
import type { FieldDef } from "../../api/types";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { newFieldsHidden, rightOf, setNewFieldsHidden, setRight } from "./model";
import type { FieldRight, Grant } from "./model";

const RIGHTS: FieldRight[] = ["visible", "readonly", "hidden"];

interface Props {
  grant: Grant;
  fields: FieldDef[];
  onChange: (grant: Grant) => void;
  testId: string;
}

export default function FieldMatrix({ grant, fields, onChange, testId }: Props) {
  const { t } = useAdminText();
  const { tx } = useLang();
  const live = fields.filter((f) => !f.deleted);
  return (
    <div data-testid={testId}>
      <div className="trellis-role-matrix">
        <table>
          <thead>
            <tr>
              <th>{t("roles.fields.field")}</th>
              {RIGHTS.map((r) => <th key={r}>{t(`roles.fields.${r}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {live.map((f) => {
              const right = rightOf(grant, f.id);
              return (
                <tr key={f.id} data-testid={`${testId}-${f.id}`} className={right === "hidden" ? "is-hidden" : undefined}>
                  <td>{tx(f.label, f.id)}</td>
                  {RIGHTS.map((r) => (
                    <td key={r}>
                      <Radio checked={right === r} aria-label={`${tx(f.label, f.id)} ${t(`roles.fields.${r}`)}`}
                        data-testid={`${testId}-${f.id}-${r}`} onChange={() => onChange(setRight(grant, f.id, r))} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Checkbox checked={newFieldsHidden(grant)} style={{ marginTop: 8 }} data-testid={`${testId}-new-hidden`}
        onChange={(e) => onChange(setNewFieldsHidden(grant, e.target.checked, live.map((f) => f.id)))}>
        <Typography.Text type="secondary">{t("roles.fields.newHidden")}</Typography.Text>
      </Checkbox>
    </div>
  );
}
