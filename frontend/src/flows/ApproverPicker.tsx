/**
 * Who a human step goes to, as 钉钉 / 飞书 set it: a list of sources, each a kind (指定成员,
 * 角色, 部门负责人, 表单中的成员字段, 发起人的上级, 发起人自选) and its choice: a member, a role
 * of the app, the level (第 N 级) and whose department, a person field of the flow's form.
 * `single`: exactly one source (an SLA's transfer target).
 */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Select, Typography } from "antd";
import { fieldTraits } from "../api/fieldTypes";
import { useLang } from "../i18n/text";
import { APPROVER_KINDS, blankSource, sourcesOf, type ApproverKind, type ApproverSource } from "./approvers";
import { useFlowText } from "./i18n";
import MemberSelect from "./MemberSelect";
import { usePanel } from "./panelContext";
import { useRoles } from "./useHumanWords";

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

interface Props {
  value: unknown;
  onChange: (v: ApproverSource[]) => void;
  testId: string;
  /** the add button's text */
  addText?: string;
  single?: boolean;
}

export default function ApproverPicker({ value, onChange, testId, addText, single }: Props) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const { app, fields } = usePanel();
  const roles = useRoles(app);
  const userFields = fields.filter((f) => fieldTraits(f).references === "user");
  const fieldOptions = userFields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }));
  /** the person fields, and the one already chosen if it is another kind (a look-up of a person) */
  const fieldsWith = (current: unknown) => (typeof current === "string" && current && !userFields.some((f) => f.id === current)
    ? [...fieldOptions, { value: current, label: tx(fields.find((f) => f.id === current)?.label, current) }] : fieldOptions);
  const stored = sourcesOf(value);
  const list = single && !stored.length ? [blankSource("manager")] : stored;
  const set = (i: number, src: ApproverSource) => onChange(list.map((s, j) => (j === i ? src : s)));

  const row = (src: ApproverSource, i: number) => {
    const id = `${testId}-${i}`;
    let input = null;
    if (src.type === "user") {
      input = <MemberSelect value={src.user} testId={`${id}-user`} onChange={(user) => set(i, { type: "user", user })} />;
    } else if (src.type === "role") {
      input = (
        <Select value={typeof src.role === "string" ? src.role : undefined} placeholder={t("human.pickRole")} showSearch
          optionFilterProp="label" data-testid={`${id}-role`}
          options={roles.map((r) => ({ value: r.id, label: tx(r.label, r.id) }))} onChange={(role) => set(i, { type: "role", role })} />
      );
    } else if (src.type === "field") {
      input = (
        <Select value={typeof src.field === "string" ? src.field : undefined} placeholder={t("human.pickField")}
          notFoundContent={t("human.noUserFields")} data-testid={`${id}-field`}
          options={fieldsWith(src.field)} onChange={(field) => set(i, { type: "field", field })} />
      );
    } else if (src.type === "department_head") {
      const levels = typeof src.levels === "number" ? src.levels : 1;
      input = (
        <>
          <Select value={typeof src.of === "string" ? src.of : ""} data-testid={`${id}-of`}
            aria-label={t("human.of")} popupMatchSelectWidth={false}
            options={[{ value: "", label: t("human.ofInitiator") }, ...fieldsWith(src.of)]}
            onChange={(of: string) => set(i, { type: "department_head", levels, ...(of ? { of } : {}) })} />
          <Select<number> value={levels} className="tfl-approver-level" data-testid={`${id}-levels`} aria-label={t("human.levelHelp")}
            options={LEVELS.map((n) => ({ value: n, label: t("human.level", { n }) }))}
            onChange={(n) => set(i, { ...src, levels: n })} />
        </>
      );
    } else {
      const help = t(`human.kindHelp.${src.type}`, { defaultValue: "" });
      input = help ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{help}</Typography.Text> : null;
    }
    return (
      <div className="tfl-approver" key={i} data-testid={id}>
        <Select<ApproverKind> value={src.type} className="tfl-approver-kind" data-testid={`${id}-kind`} popupMatchSelectWidth={false}
          options={APPROVER_KINDS.map((k) => ({ value: k, label: t(`human.kinds.${k}`) }))}
          onChange={(k) => set(i, blankSource(k))} />
        <div className="tfl-approver-inputs">{input}</div>
        {!single && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("human.remove")}
          onClick={() => onChange(list.filter((_, j) => j !== i))} />}
      </div>
    );
  };
  return (
    <div data-testid={testId}>
      {list.map(row)}
      {!single && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid={`${testId}-add`}
          onClick={() => onChange([...list, blankSource(list.length ? "role" : "user")])}>
          {addText ?? t("human.addApprover")}
        </Button>
      )}
    </div>
  );
}
