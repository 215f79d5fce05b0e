/** 字段权限: every field of the flow's form with 可编辑 / 只读 / 隐藏 for the people of a human
 * step (unset: 只读, the server's default; only the other two are written), and a row to set
 * them all at once. */
import { Empty, Radio, Typography } from "antd";
import { useLang } from "../i18n/text";
import { RIGHTS, type Right } from "./approvers";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";

interface Props {
  value: unknown;
  onChange: (v: Record<string, Right> | undefined) => void;
  testId: string;
  /** the rights offered (a copy's people only read: 只读 / 隐藏) */
  choices?: readonly Right[];
}

export default function FieldRights({ value, onChange, testId, choices = RIGHTS }: Props) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const { fields } = usePanel();
  const rights = (typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}) as Record<string, Right>;
  const shown = fields;
  const write = (next: Record<string, Right>) => onChange(Object.keys(next).length ? next : undefined);
  const set = (field: string, right: Right) => {
    const { [field]: _old, ...rest } = rights;
    write(right === "readonly" ? rest : { ...rest, [field]: right });
  };
  const setAll = (right: Right) => {
    const kept = Object.fromEntries(Object.entries(rights).filter(([k]) => !shown.some((f) => f.id === k)));
    write(right === "readonly" ? kept : { ...kept, ...Object.fromEntries(shown.map((f) => [f.id, right])) });
  };
  if (!shown.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("human.noFields")} />;
  const options = choices.map((r) => ({ value: r, label: t(`human.rights.${r}`) }));
  return (
    <div className="tfl-rights" data-testid={testId}>
      <div className="tfl-rights-row tfl-rights-all">
        <Typography.Text type="secondary">{t("human.allTo")}</Typography.Text>
        <Radio.Group size="small" optionType="button" options={options} value={null} data-testid={`${testId}-all`}
          onChange={(e) => setAll(e.target.value as Right)} />
      </div>
      {shown.map((f) => (
        <div className="tfl-rights-row" key={f.id} data-testid={`${testId}-${f.id}`}>
          <span className="tfl-rights-name" title={f.id}>{tx(f.label, f.id)}</span>
          <Radio.Group size="small" optionType="button" buttonStyle="solid" options={options} value={rights[f.id] ?? "readonly"}
            onChange={(e) => set(f.id, e.target.value as Right)} />
        </div>
      ))}
    </div>
  );
}

