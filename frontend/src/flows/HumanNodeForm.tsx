/**
 * The settings of a human step in words people know from 钉钉 / 飞书 / 简道云, in tabs:
 * who (审批人 / 办理人 with 或签 / 会签 / 依次, what happens when nobody is found, 去重), the
 * form's fields (可编辑 / 只读 / 隐藏, a handle step's 必填), and 时限与操作 (SLA, allowed
 * actions, after a rejection, where it may be returned to). A cc step: who gets the copy and
 * what they see. The server's problems show on the tab and the input they point at.
 */
import { Checkbox, Form, Radio, Select, Switch, Tabs, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../i18n/text";
import ApproverPicker from "./ApproverPicker";
import { EMPTY_POLICIES, HUMAN_TYPES, MODES, missingKey, sourcesOf } from "./approvers";
import FieldRights from "./FieldRights";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import { problemText } from "./problems";
import SlaInput from "./SlaInput";
import { walk } from "./tree";
import type { FlowNode, JsonSchema, NodeTypeInfo, Problem } from "./types";

interface Props {
  node: FlowNode;
  info: NodeTypeInfo | undefined;
  problems: Problem[];
  onChange: (config: Record<string, unknown>) => void;
}

const CC_RIGHTS = ["readonly", "hidden"] as const;

const enumOf = (schema: JsonSchema | undefined): string[] => {
  const e = (schema?.enum ?? (schema?.items as JsonSchema | undefined)?.enum) as unknown;
  return Array.isArray(e) ? e.map(String) : [];
};

export default function HumanNodeForm({ node, info, problems, onChange }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { flow, fields } = usePanel();
  const props = (info?.config_schema?.properties ?? {}) as Record<string, JsonSchema>;
  const handle = node.type === "handle";
  const places = walk(flow.steps);
  const here = places.find((p) => p.node.id === node.id);
  /** The problems of the setting `key` (its pointer under the node's). */
  const errorsOf = (...keys: string[]) => problems.filter((p) => here && keys.some((k) => {
    const at = `${here.pointer}/${k}`;
    return p.pointer === at || p.pointer?.startsWith(`${at}/`) || (p.pointer === here.pointer && missingKey(p) === k);
  }));
  const say = (p: Problem) => {
    const key = missingKey(p);
    return key ? t(`human.missing.${key}`, { defaultValue: problemText(p, lang) }) : problemText(p, lang);
  };
  const config = Object.fromEntries(Object.entries(node).filter(([k]) => !["id", "type", "label", "note"].includes(k)));
  const set = (key: string, v: unknown) => {
    const next = { ...config, [key]: v };
    if (v === undefined) delete next[key];
    onChange(next);
  };
  const item = (key: string, label: string | undefined, input: ReactNode, extra?: ReactNode) => {
    const errs = errorsOf(key);
    return (
      <Form.Item key={key} label={label} extra={extra} validateStatus={errs.length ? "error" : undefined}
        help={errs.length ? errs.map(say).join("; ") : undefined} data-testid={`human-item-${key}`}>
        {input}
      </Form.Item>
    );
  };
  const badge = (text: string, ...keys: string[]) => (errorsOf(...keys).length
    ? <span>{text} <span className="tfl-tab-dot" /></span> : text);

  if (node.type === "cc") {
    return (
      <Form layout="vertical" className="tfl-human" data-testid="human-form">
        {item("recipients", t("human.recipients"),
          <ApproverPicker value={node.recipients} onChange={(v) => set("recipients", v.length ? v : undefined)} testId="human-recipients"
            addText={t("human.addRecipient")} />)}
        {item("fields", t("human.fields"), <FieldRights value={node.fields} onChange={(v) => set("fields", v)} testId="human-rights"
          choices={CC_RIGHTS} />,
          t("human.fieldsHelp"))}
      </Form>
    );
  }

  const sources = sourcesOf(node.approvers);
  const mode = String(node.mode ?? "any");
  const rights = (node.fields ?? {}) as Record<string, string>;
  const editable = fields.filter((f) => rights[f.id] === "editable");
  const actionList = enumOf(props.actions);
  const actions = Array.isArray(node.actions) ? (node.actions as string[]) : actionList;
  const earlier = places.slice(0, places.findIndex((p) => p.node.id === node.id))
    .filter((p) => HUMAN_TYPES.has(p.node.type) && p.node.type !== "cc");
  const setRights = (v: Record<string, string> | undefined) => {
    const next: Record<string, unknown> = { ...config, fields: v };
    if (!v) delete next.fields;
    const required = Array.isArray(node.required) ? (node.required as string[]).filter((f) => v?.[f] === "editable") : [];
    if (Array.isArray(node.required)) {
      if (required.length) next.required = required; else delete next.required;
    }
    onChange(next);
  };

  const who = (
    <>
      {item("approvers", handle ? t("human.handlers") : t("human.approvers"),
        <ApproverPicker value={node.approvers} testId="human-approvers" addText={handle ? t("human.addHandler") : t("human.addApprover")}
          onChange={(v) => set("approvers", v.length ? v : undefined)} />)}
      {sources.length > 0 && item("mode", handle ? t("human.modeHandle") : t("human.mode"), (
        <Radio.Group value={mode} onChange={(e) => set("mode", e.target.value)} className="tfl-radio-list" data-testid="human-mode-group">
          {MODES.map((m) => (
            <Radio key={m} value={m} data-testid={`human-mode-${m}`}>
              {t(`human.modes.${m}`)}
              <Typography.Text type="secondary" className="tfl-radio-help">
                {t(`human.${handle ? "modeHelpHandle" : "modeHelp"}.${m}`)}
              </Typography.Text>
            </Radio>
          ))}
        </Radio.Group>
      ))}
      {item("empty", handle ? t("human.emptyHandle") : t("human.empty"), (
        <Radio.Group value={String(node.empty ?? "admin")} onChange={(e) => set("empty", e.target.value)} data-testid="human-empty-group"
          options={EMPTY_POLICIES.map((p) => ({ value: p, label: t(`human.emptyWays.${p}`) }))} />
      ))}
      {"dedupe" in props && item("dedupe", t("human.dedupe"), (
        <span>
          <Switch checked={node.dedupe !== false} onChange={(on) => set("dedupe", on)} data-testid="human-dedupe-switch" />
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{t("human.dedupeHelp")}</Typography.Text>
        </span>
      ))}
    </>
  );

  const form = (
    <>
      {item("fields", t("human.fields"), <FieldRights value={node.fields} onChange={setRights} testId="human-rights" />, t("human.fieldsHelp"))}
      {"required" in props && item("required", t("human.required"), (
        <Select mode="multiple" value={Array.isArray(node.required) ? (node.required as string[]) : []} allowClear data-testid="human-required-select"
          options={editable.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} style={{ width: "100%" }}
          onChange={(v: string[]) => set("required", v.length ? v : undefined)} />
      ), t("human.requiredHelp"))}
    </>
  );

  const more = (
    <>
      {item("sla", undefined, <SlaInput value={node.sla} onChange={(v) => set("sla", v)} testId="human-sla" handle={handle}
        units={enumOf((props.sla?.properties as Record<string, JsonSchema> | undefined)?.unit)}
        overdue={enumOf((props.sla?.properties as Record<string, JsonSchema> | undefined)?.on_overdue).length
          ? enumOf((props.sla?.properties as Record<string, JsonSchema> | undefined)?.on_overdue) : undefined} />)}
      {actionList.length > 0 && item("actions", t("human.actions"), (
        <Checkbox.Group value={actions} data-testid="human-actions-group"
          options={actionList.map((a) => ({ value: a, label: t(`human.actionNames.${a}`, { defaultValue: a }) }))}
          onChange={(v) => set("actions", v.length === actionList.length && actionList.every((a) => v.includes(a)) ? undefined : v)} />
      ))}
      {"on_reject" in props && item("on_reject", t("human.onReject"), (
        <Radio.Group value={String(node.on_reject ?? "end")} onChange={(e) => set("on_reject", e.target.value)} data-testid="human-on-reject-group"
          options={["end", "continue"].map((w) => ({ value: w, label: t(`human.onRejectWays.${w}`) }))} />
      ))}
      {"return_to" in props && actions.includes("return") && item("return_to", t("human.returnTo"), (
        <Select mode="multiple" value={Array.isArray(node.return_to) ? (node.return_to as string[]) : []} allowClear data-testid="human-return-select"
          placeholder={t("human.returnHelp")} style={{ width: "100%" }}
          options={[{ value: "start", label: t("human.returnStart") },
            ...earlier.map((p) => ({ value: p.node.id, label: p.node.label ? tx(p.node.label) : p.node.id }))]}
          onChange={(v: string[]) => set("return_to", v.length ? v : undefined)} />
      ))}
    </>
  );

  return (
    <Form layout="vertical" className="tfl-human" data-testid="human-form">
      <Tabs size="small" items={[
        { key: "who", label: <span data-testid="human-tab-who">{badge(handle ? t("human.handlers") : t("human.approvers"), "approvers", "mode", "empty", "dedupe")}</span>,
          children: who },
        { key: "form", label: <span data-testid="human-tab-form">{badge(t("human.fields"), "fields", "required")}</span>, children: form },
        { key: "more", label: <span data-testid="human-tab-more">{badge(t("human.moreTab"), "sla", "actions", "on_reject", "return_to")}</span>,
          children: more },
      ]} />
    </Form>
  );
}
