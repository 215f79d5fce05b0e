/** A grant's row scope: a plain preset (全部数据, 本人负责的 by a user field, 本部门的 / 本部门及下级部门的
 * by a department field, 下属负责的, 关联记录由本人负责的 through a relation path) or a custom rule
 * edited with the shared condition builder over the form's fields, or as JsonLogic with `$user`
 * variables. The scope is shown in words underneath. */
import { EditOutlined } from "@ant-design/icons";
import { Input, Modal, Select, Space, Spin, Typography } from "antd";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { metaCache } from "../../api/cache";
import { fieldTraits } from "../../api/fieldTypes";
import type { FieldDef, JsonLogic } from "../../api/types";
import "../../designer/i18n";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { scopeLogic } from "./model";
import type { PresetKind, Scope, ScopeKind } from "./model";
import { scopeWords } from "./scopeWords";

const ConditionBuilder = lazy(() => import("../../designer/conditions/ConditionBuilder"));

const KINDS: ScopeKind[] = ["all", "own", "department", "department_tree", "subordinates", "related_own", "custom"];
/** which fields a preset compares: people or departments, on the form itself and / or through a relation */
const TAKES: Record<PresetKind, { refs: "user" | "department"; direct: boolean; paths: boolean }> = {
  own: { refs: "user", direct: true, paths: false },
  related_own: { refs: "user", direct: false, paths: true },
  department: { refs: "department", direct: true, paths: true },
  department_tree: { refs: "department", direct: true, paths: true },
  subordinates: { refs: "user", direct: true, paths: true },
};

export interface FieldChoice {
  value: string;
  label: string;
  refs: string | null;
  path: boolean;
}

/** The form's fields and, through each relation field, its target's fields ("客户.客户经理"). */
export function useFieldChoices(app: string, fields: FieldDef[]): FieldChoice[] {
  const { tx } = useLang();
  const [targets, setTargets] = useState<Record<string, FieldDef[]>>({});
  const relations = useMemo(() => fields.filter((f) => !f.deleted && fieldTraits(f).references === "form" && f.target), [fields]);
  useEffect(() => {
    let live = true;
    for (const r of relations) {
      metaCache.form(app, r.target!).then((d) => live && setTargets((t) => ({ ...t, [r.target!]: d.fields })), () => undefined);
    }
    return () => { live = false; };
  }, [app, relations]);
  return useMemo(() => {
    const out: FieldChoice[] = fields.filter((f) => !f.deleted)
      .map((f) => ({ value: f.id, label: tx(f.label, f.id), refs: fieldTraits(f).references, path: false }));
    for (const r of relations) {
      for (const f of targets[r.target!] ?? []) {
        if (f.deleted) continue;
        out.push({ value: `${r.id}.${f.id}`, label: `${tx(r.label, r.id)}.${tx(f.label, f.id)}`,
          refs: fieldTraits(f).references, path: true });
      }
    }
    return out;
  }, [fields, relations, targets, tx]);
}

interface Props {
  scope: Scope;
  onChange: (scope: Scope) => void;
  fields: FieldDef[];
  choices: FieldChoice[];
  testId: string;
}

export default function ScopeEditor({ scope, onChange, fields, choices, testId }: Props) {
  const { t } = useAdminText();
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<JsonLogic>(null);
  const [text, setText] = useState("");
  const [bad, setBad] = useState(false);
  const fit = (kind: PresetKind) => choices.filter((c) => c.refs === TAKES[kind].refs && (c.path ? TAKES[kind].paths : TAKES[kind].direct));
  const label = new Map(choices.map((c) => [c.value, c.label]));
  const words = scopeWords(scope, {
    field: (p) => label.get(p) ?? p,
    variable: (name) => t(`roles.vars.${name}`, { defaultValue: `$user.${name}` }),
    preset: (kind, field) => t(`roles.scope.words.${kind}`, { field }),
    all: t("roles.scope.all"), and: t("roles.scope.and"), or: t("roles.scope.or"),
    ops: t("roles.scope.ops", { returnObjects: true }) as Record<string, string>,
  });

  const choose = (kind: ScopeKind) => {
    if (kind === "all") onChange({ kind });
    else if (kind === "custom") onChange({ kind, logic: scopeLogic(scope) ?? null });
    else {
      const options = fit(kind);
      const keep = "field" in scope && options.some((o) => o.value === scope.field) ? scope.field : options[0]?.value;
      onChange(keep ? { kind, field: keep } : { kind: "custom", logic: null });
    }
  };
  const openCustom = () => {
    const logic = scope.kind === "custom" ? scope.logic : null;
    setPending((logic ?? null) as JsonLogic);
    setText(logic == null ? "" : JSON.stringify(logic, null, 1));
    setBad(false);
    setEditing(true);
  };
  const applyCustom = () => {
    try {
      const logic = text.trim() ? JSON.parse(text) : pending;
      onChange({ kind: "custom", logic });
      setEditing(false);
    } catch {
      setBad(true);
    }
  };
  const kinds = KINDS.filter((k) => k === "all" || k === "custom" || k === scope.kind || fit(k as PresetKind).length > 0);
  return (
    <div data-testid={testId}>
      <Space wrap size={8} style={{ width: "100%" }}>
        <Select<ScopeKind> value={scope.kind} onChange={choose} style={{ minWidth: 170 }} popupMatchSelectWidth={false}
          data-testid={`${testId}-kind`} options={kinds.map((k) => ({ value: k, label: t(`roles.scope.${k}`) }))} />
        {"field" in scope && (
          <Select<string> value={scope.field} style={{ minWidth: 150 }} popupMatchSelectWidth={false} data-testid={`${testId}-field`}
            onChange={(field) => onChange({ kind: scope.kind, field } as Scope)}
            options={fit(scope.kind as PresetKind).map((c) => ({ value: c.value, label: c.label }))}
            placeholder={t("roles.scope.field")} />
        )}
        {scope.kind === "custom" && (
          <Typography.Link onClick={openCustom} data-testid={`${testId}-edit`}><EditOutlined /> {t("roles.scope.edit")}</Typography.Link>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "4px 0 0" }} data-testid={`${testId}-words`}>
        {scope.kind === "custom" && scope.logic == null ? t("roles.scope.empty") : words}
      </Typography.Paragraph>
      <Modal open={editing} width={860} title={t("roles.scope.custom")} destroyOnHidden onCancel={() => setEditing(false)}
        onOk={applyCustom} okButtonProps={{ "data-testid": `${testId}-ok` }}>
        <Suspense fallback={<Spin />}>
          <div style={{ overflowX: "auto" }}>
            <ConditionBuilder fields={fields} self="" value={pending}
              onChange={(logic) => { setPending(logic); setText(logic == null ? "" : JSON.stringify(logic, null, 1)); }} />
          </div>
        </Suspense>
        <Typography.Text type="secondary" style={{ display: "block", margin: "12px 0 4px" }}>{t("roles.scope.json")}</Typography.Text>
        <Input.TextArea value={text} onChange={(e) => { setText(e.target.value); setBad(false); }} autoSize={{ minRows: 3, maxRows: 10 }}
          status={bad ? "error" : undefined} style={{ fontFamily: "monospace", fontSize: 12 }} data-testid={`${testId}-json`} />
        {bad && <Typography.Text type="danger">{t("roles.scope.bad")}</Typography.Text>}
      </Modal>
    </div>
  );
}

