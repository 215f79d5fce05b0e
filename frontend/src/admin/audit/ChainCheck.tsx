/** "校验审计链": walks the whole hash chain on the server and says the result in words: intact
 * (how many entries, up to which), or where it first breaks, why, and what that entry says. */
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Space } from "antd";
import { useState } from "react";
import { errorText } from "../../api/client";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { auditApi, type AuditEntry, type ChainResult } from "./api";
import { useEntryText } from "./useEntryText";

export default function ChainCheck({ onShow }: { onShow: (entry: AuditEntry) => void }) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const names = useEntryText();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChainResult>();
  const [failure, setFailure] = useState<string>();
  const run = () => {
    setBusy(true);
    setFailure(undefined);
    auditApi.verify().then(setResult, (err) => setFailure(errorText(err, lang))).finally(() => setBusy(false));
  };
  const broken = result?.first_broken;
  const entry = broken?.entry;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Button icon={<SafetyCertificateOutlined />} onClick={run} loading={busy} data-testid="audit-verify">
        {busy ? t("audit.chain.checking") : t("audit.chain.verify")}
      </Button>
      {failure && <Alert type="error" showIcon title={failure} />}
      {result && !busy && (result.ok ? (
        <Alert type="success" showIcon data-testid="audit-chain-result" data-ok="true"
          title={t("audit.chain.ok", { checked: result.checked, last: result.last_id ?? 0, ms: result.elapsed_ms })} />
      ) : (
        <Alert type="error" showIcon data-testid="audit-chain-result" data-ok="false"
          title={t("audit.chain.broken", { checked: result.checked })}
          description={broken && (
            <Space orientation="vertical" size={2}>
              <span>{t("audit.chain.firstBroken", { reason: tx(broken.reason) })}</span>
              {entry && <span>{t("audit.chain.entry", { at: names.when(entry), user: names.who(entry),
                action: names.action(entry.action), what: names.what(entry) })}</span>}
              {entry && <Button size="small" onClick={() => onShow(entry)}>{t("audit.chain.show")}</Button>}
            </Space>
          )} />
      ))}
    </Space>
  );
}
