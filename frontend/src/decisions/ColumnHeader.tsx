/** A column head of the decision grid: the input's or output's name and type; clicking opens
 * its settings (key, names, type, delete). */
import { DeleteOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, Form, Input, Popconfirm, Popover, Select, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n/text";
import { DECISIONS_NS } from "./i18n";
import { COLUMN_TYPES, type Column, type Problem } from "./model";

interface Props {
  column: Column;
  problems?: Problem[];
  onChange: (patch: Partial<Column>) => void;
  onRemove?: () => void;
  testId: string;
}

export default function ColumnHeader({ column, problems = [], onChange, onRemove, testId }: Props) {
  const { t } = useTranslation(DECISIONS_NS);
  const { tx } = useLang();
  const settings = (
    <Form layout="vertical" size="small" style={{ width: 240 }}>
      <Form.Item label={t("editor.columnZh")} style={{ marginBottom: 8 }}>
        <Input value={column.label.zh ?? ""} onChange={(e) => onChange({ label: { ...column.label, zh: e.target.value } })}
          data-testid={`${testId}-zh`} />
      </Form.Item>
      <Form.Item label={t("editor.columnEn")} style={{ marginBottom: 8 }}>
        <Input value={column.label.en ?? ""} onChange={(e) => onChange({ label: { ...column.label, en: e.target.value } })} />
      </Form.Item>
      <Form.Item label={t("editor.columnId")} style={{ marginBottom: 8 }}>
        <Input value={column.id} onChange={(e) => onChange({ id: e.target.value.toLowerCase().replace(/[^a-z0-9_]/g, "") })} />
      </Form.Item>
      <Form.Item label={t("editor.columnType")} style={{ marginBottom: 8 }}>
        <Select value={column.type} onChange={(type) => onChange({ type })}
          options={COLUMN_TYPES.map((v) => ({ value: v, label: t(`editor.types.${v}`) }))} />
      </Form.Item>
      {onRemove && (
        <Popconfirm title={t("editor.removeColumnConfirm")} onConfirm={onRemove}>
          <Button danger size="small" icon={<DeleteOutlined />}>{t("editor.removeColumn")}</Button>
        </Popconfirm>
      )}
    </Form>
  );
  const head = (
    <div className="tdc-colhead" data-testid={testId}>
      <span className="tdc-colname">{tx(column.label, column.id)}</span>
      <Tag className="tdc-type" bordered={false}>{t(`editor.types.${column.type}`)}</Tag>
      <Popover content={settings} title={t("editor.column")} trigger="click" placement="bottom">
        <Button type="text" size="small" icon={<SettingOutlined />} aria-label={t("editor.column")} />
      </Popover>
    </div>
  );
  if (!problems.length) return head;
  return (
    <Tooltip title={problems.map((p) => (typeof p.message === "string" ? p.message : tx(p.message))).join("\n")} color="red">
      <div className="tdc-colhead-bad">{head}</div>
    </Tooltip>
  );
}
