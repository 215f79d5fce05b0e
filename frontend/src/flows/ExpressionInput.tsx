/** A value that may be an expression: a literal typed in, a variable picked from the list
 * (触发记录.字段, 当前记录.字段, 上一步.结果, 变量.名, 当前项), or any JsonLogic written out. */
import { CloseOutlined, FunctionOutlined } from "@ant-design/icons";
import { Button, Input, Select, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { exprMode, literalOf, variableGroups, varLabel, varPath, type GroupNames } from "./expr";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";

interface Props {
  value: unknown;
  onChange: (value: unknown) => void;
  wantsNumber?: boolean;
  testId?: string;
}

export function useGroupNames(): GroupNames {
  const { t } = useFlowText();
  return { trigger: t("expr.trigger"), current: t("expr.current"), prev: t("expr.prev"), vars: t("expr.vars"), item: t("expr.item") };
}

function RawInput({ value, onChange, testId }: Props) {
  const { t } = useFlowText();
  const [text, setText] = useState(() => JSON.stringify(value ?? null));
  const [bad, setBad] = useState(false);
  const apply = () => {
    try {
      onChange(JSON.parse(text));
      setBad(false);
    } catch {
      setBad(true);
    }
  };
  return (
    <div>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} autoSize={{ minRows: 1, maxRows: 6 }}
        status={bad ? "error" : undefined} style={{ fontFamily: "monospace", fontSize: 12 }} data-testid={testId && `${testId}-raw`} />
      {bad && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t("expr.rawBad")}</Typography.Text>}
    </div>
  );
}

export default function ExpressionInput({ value, onChange, wantsNumber, testId }: Props) {
  const { t } = useFlowText();
  const { sources } = usePanel();
  const names = useGroupNames();
  const [raw, setRaw] = useState(() => exprMode(value) === "logic");
  const mode = exprMode(value);
  const path = varPath(value);
  let main;
  if (raw || mode === "logic") main = <RawInput value={value} onChange={onChange} testId={testId} />;
  else if (path !== null) {
    main = (
      <Tag color="geekblue" closable onClose={(e) => { e.preventDefault(); onChange(undefined); }} style={{ marginTop: 4 }}
        data-testid={testId && `${testId}-var`}>
        {varLabel(path, sources, names)}
      </Tag>
    );
  } else {
    main = (
      <Input value={value == null ? "" : String(value)} data-testid={testId}
        onChange={(e) => onChange(e.target.value === "" ? undefined : literalOf(e.target.value, Boolean(wantsNumber)))} />
    );
  }
  const groups = variableGroups(sources, names);
  return (
    <div className="tfl-expr">
      {main}
      <Select<string> value={null as unknown as string} placeholder={t("expr.pick")} showSearch optionFilterProp="label"
        popupMatchSelectWidth={false} style={{ width: 120 }} data-testid={testId && `${testId}-pick`}
        options={groups.map((g) => ({ label: g.label, title: g.label, options: g.options }))}
        onChange={(p) => { setRaw(false); onChange({ var: p }); }} />
      <Tooltip title={t("expr.raw")}>
        <Button icon={<FunctionOutlined />} type={raw ? "primary" : "default"} onClick={() => setRaw(!raw)} aria-label={t("expr.raw")} />
      </Tooltip>
      {mode !== "empty" && !raw && path === null && (
        <Button type="text" icon={<CloseOutlined />} onClick={() => onChange(undefined)} aria-label={t("expr.clear")} />
      )}
    </div>
  );
}
