/** A map of field → value expression (a create / update node's `values`): one row per field
 * of the target form, each value an ExpressionInput; with `freeKeys` (a message's `data`)
 * the keys are typed instead. */
import { MinusCircleOutlined } from "@ant-design/icons";
import { Button, Input, Select } from "antd";
import { fieldTraits } from "../api/fieldTypes";
import { useLang } from "../i18n/text";
import ExpressionInput from "./ExpressionInput";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";
import { useFormFields } from "./useFormFields";

interface Props {
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown>) => void;
  testId: string;
  freeKeys?: boolean;
}

export default function ValuesMapInput({ value, onChange, testId, freeKeys }: Props) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const { app, targetForm } = usePanel();
  const fields = useFormFields(app, targetForm);
  const map = value ?? {};
  const keys = Object.keys(map);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const numeric = (id: string) => {
    const f = byId.get(id);
    return f ? fieldTraits(f).sql_kind === "number" : false;
  };
  const set = (key: string, v: unknown) => onChange({ ...map, [key]: v });
  const drop = (key: string) => onChange(Object.fromEntries(Object.entries(map).filter(([k]) => k !== key)));
  const free = fields.filter((f) => !keys.includes(f.id) && !fieldTraits(f).generated);
  return (
    <div data-testid={testId}>
      {keys.map((k) => (
        <div className="tfl-map-row" key={k}>
          <span style={{ width: 110, flex: "none", paddingTop: 5, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
            title={tx(byId.get(k)?.label, k)}>{tx(byId.get(k)?.label, k)}</span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <ExpressionInput value={map[k]} onChange={(v) => set(k, v)} wantsNumber={numeric(k)} testId={`${testId}-${k}`} />
          </div>
          <Button type="text" icon={<MinusCircleOutlined />} onClick={() => drop(k)} aria-label={t("expr.clear")} />
        </div>
      ))}
      {freeKeys ? (
        <Input.Search placeholder={t("expr.key")} enterButton={t("expr.addKey")} style={{ width: 260 }} data-testid={`${testId}-add`}
          onSearch={(k, _e, info) => { if (info?.source !== "clear" && /^[a-z][a-z0-9_]{0,40}$/.test(k) && !(k in map)) set(k, null); }} />
      ) : <Select<string> value={null as unknown as string} placeholder={t("expr.add")} showSearch optionFilterProp="label"
        style={{ width: 200 }} data-testid={`${testId}-add`}
        options={free.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
        onChange={(id) => set(id, null)} />}
    </div>
  );
}
