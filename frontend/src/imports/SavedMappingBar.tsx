/** Above the mapping table: apply a saved mapping, save the current one under a name, and the count
 * of mapped columns. */
import { SaveOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Popover, Select, Space, Typography } from "antd";
import { useState } from "react";
import type { SavedMapping } from "../api/types";
import { useImportText } from "./i18n";

interface Props {
  saved: SavedMapping[];
  mapped: number;
  total: number;
  onApply: (m: SavedMapping) => void;
  onSave: (name: string) => Promise<boolean>;
}

export default function SavedMappingBar({ saved, mapped, total, onApply, onSave }: Props) {
  const { t } = useImportText();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!name.trim()) return;
    setSaving(true);
    const ok = await onSave(name.trim());
    setSaving(false);
    if (ok) { setOpen(false); setName(""); }
  };

  const form = (
    <Space.Compact>
      <Input autoFocus placeholder={t("mappingName")} value={name} maxLength={80} style={{ width: 220 }}
        onChange={(e) => setName(e.target.value)} onPressEnter={() => void save()} data-testid="mapping-name" />
      <Button type="primary" loading={saving} disabled={!name.trim()} onClick={() => void save()} data-testid="mapping-save-ok">
        {t("common.save")}
      </Button>
    </Space.Compact>
  );

  return (
    <Flex align="center" gap={8} wrap>
      <Select style={{ minWidth: 220 }} placeholder={t("applySaved")} value={null} disabled={!saved.length}
        options={saved.map((m) => ({ value: String(m.id), label: m.name }))} data-testid="mapping-saved"
        onChange={(id: string) => { const m = saved.find((s) => String(s.id) === id); if (m) onApply(m); }} />
      <Popover trigger="click" open={open} onOpenChange={setOpen} content={form} title={t("saveMapping")}>
        <Button icon={<SaveOutlined />} disabled={!mapped} data-testid="mapping-save">{t("saveMapping")}</Button>
      </Popover>
      <div style={{ flex: 1 }} />
      <Typography.Text type="secondary" data-testid="mapping-count">{t("mappedCount", { n: mapped, total })}</Typography.Text>
    </Flex>
  );
}
