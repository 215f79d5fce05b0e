/** Who a message goes to: a list of recipient specs (a user, a role, a department or its head,
 * a user field of the record, the client themself, a fixed address); or, `single`, the one
 * person a task is assigned to (a user field, a user, a role). */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, Input, Select } from "antd";
import { useState } from "react";
import { metaCache } from "../api/cache";
import { fieldTraits } from "../api/fieldTypes";
import type { Department } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { searchUsers, type Choice } from "../registries/search";
import { userOf } from "../registries/entities";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import { blankRecipient, RECIPIENT_KINDS, recipientKind, type Recipient, type RecipientKind } from "./recipients";

function flatten(tree: Department[], lang: "zh" | "en", depth = 0): { value: number; label: string }[] {
  return tree.flatMap((d) => [{ value: d.id, label: `${"  ".repeat(depth)}${(lang === "en" && d.name_en) || d.name}` },
    ...flatten(d.children ?? [], lang, depth + 1)]);
}

function UserSelect({ value, onChange }: { value: unknown; onChange: (v: number) => void }) {
  const { t } = useFlowText();
  const [found, setFound] = useState<Choice[]>([]);
  const user = typeof value === "number" ? userOf(value) : undefined;
  const known = user ? (user.title ? `${user.title} (${user.username})` : user.username) : undefined;
  const options = [...(typeof value === "number" && !found.some((c) => c.value === value)
    ? [{ value, label: known ?? `#${value}` }] : []), ...found];
  return (
    <Select<number> showSearch value={typeof value === "number" ? value : undefined} placeholder={t("recipients.pickUser")}
      filterOption={false} onSearch={(q) => void searchUsers(q).then(setFound)} onFocus={() => void searchUsers("").then(setFound)}
      options={options} onChange={onChange} style={{ width: 180 }} />
  );
}

interface Props {
  value: Recipient[] | undefined;
  onChange: (v: Recipient[]) => void;
  testId: string;
  /** one person (an assignee): one row, no adding or removing */
  single?: boolean;
  kinds?: RecipientKind[];
}

export default function RecipientPicker({ value, onChange, testId, single, kinds = RECIPIENT_KINDS }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { app, fields } = usePanel();
  const list = Array.isArray(value) && value.length ? value : single ? [blankRecipient("field")] : [];
  const roles = useAsync(() => flowApi.roles(app).catch(() => []), [app]).data ?? [];
  const depts = useAsync(() => metaCache.departments().catch(() => []), []).data ?? [];
  const userFields = fields.filter((f) => fieldTraits(f).references === "user");
  const set = (i: number, spec: Recipient) => onChange(list.map((r, j) => (j === i ? spec : r)));
  const row = (spec: Recipient, i: number) => {
    const kind = recipientKind(spec);
    let input = null;
    if (kind === "user") input = <UserSelect value={spec.user} onChange={(user) => set(i, { user })} />;
    else if (kind === "role") {
      input = <Select value={spec.role as string ?? undefined} placeholder={t("recipients.pickRole")} style={{ width: 180 }}
        options={roles.map((r) => ({ value: r.id, label: tx(r.label, r.id) }))} onChange={(role) => set(i, { role })} />;
    } else if (kind === "department") {
      input = (
        <>
          <Select value={spec.department as number ?? undefined} placeholder={t("recipients.pickDepartment")} style={{ width: 180 }}
            options={flatten(depts, lang)} onChange={(department) => set(i, { ...spec, department })} showSearch optionFilterProp="label" />
          <Checkbox checked={Boolean(spec.head)} onChange={(e) => set(i, { department: spec.department, ...(e.target.checked ? { head: true } : {}) })}>
            {t("recipients.departmentHead")}
          </Checkbox>
        </>
      );
    } else if (kind === "field") {
      input = <Select value={spec.field as string ?? undefined} placeholder={t("recipients.pickField")} style={{ width: 180 }}
        data-testid={`${testId}-${i}-field`}
        options={userFields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} onChange={(field) => set(i, { field })} />;
    } else if (kind === "address") {
      input = (
        <>
          <Input value={String(spec.address ?? "")} style={{ width: 180 }} onChange={(e) => set(i, { ...spec, address: e.target.value })} />
          <Select value={String(spec.channel ?? "email")} style={{ width: 100 }} onChange={(channel) => set(i, { ...spec, channel })}
            options={["email", "sms", "wecom", "dingtalk", "webhook"].map((c) => ({ value: c, label: c }))} />
        </>
      );
    }
    return (
      <div className="tfl-recipient" key={i}>
        <Select value={kind} style={{ width: 170 }} data-testid={`${testId}-${i}-kind`}
          options={kinds.map((k) => ({ value: k, label: t(`recipients.${k}`) }))}
          onChange={(k) => set(i, blankRecipient(k))} />
        {input}
        {!single && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("expr.clear")}
          onClick={() => onChange(list.filter((_, j) => j !== i))} />}
      </div>
    );
  };
  return (
    <div data-testid={testId}>
      {list.map(row)}
      {!single && <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid={`${testId}-add`}
        onClick={() => onChange([...list, blankRecipient(userFields.length ? "field" : "user")])}>
        {t("recipients.add")}
      </Button>}
    </div>
  );
}
