/** A cell of the decision grid: typed freely, taken when it loses focus or on Enter (so "1." or
 * "[1..5" can be typed), showing its problems in a tooltip and an error outline. */
import { Input, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { useLang } from "../i18n/text";
import type { Problem } from "./model";

interface Props {
  value: string;
  onCommit: (text: string) => void;
  problems?: Problem[];
  placeholder?: string;
  testId?: string;
  align?: "left" | "right";
  wide?: boolean;
}

export default function CellInput({ value, onCommit, problems = [], placeholder, testId, align, wide }: Props) {
  const { tx } = useLang();
  const [text, setText] = useState(value);
  const [editing, setEditing] = useState(false);
  useEffect(() => { if (!editing) setText(value); }, [value, editing]);
  const commit = () => {
    setEditing(false);
    if (text !== value) onCommit(text);
  };
  const errors = problems.filter((p) => p.severity !== "warning");
  const message = problems.map((p) => (typeof p.message === "string" ? p.message : tx(p.message))).join("\n");
  const input = (
    <Input
      size="small"
      value={text}
      placeholder={placeholder}
      status={errors.length ? "error" : problems.length ? "warning" : undefined}
      onFocus={() => setEditing(true)}
      onChange={(e) => { setEditing(true); setText(e.target.value); }}
      onBlur={commit}
      onPressEnter={commit}
      spellCheck={false}
      className="tdc-cell"
      style={{ textAlign: align, minWidth: wide ? 160 : 96 }}
      data-testid={testId}
      data-problem={problems.length ? "true" : undefined}
    />
  );
  return message ? <Tooltip title={<span style={{ whiteSpace: "pre-line" }}>{message}</span>} color={errors.length ? "red" : "orange"}>{input}</Tooltip> : input;
}
