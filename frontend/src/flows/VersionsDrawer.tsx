/** A flow's published versions, newest first: view one, restore it as the draft or publish
 * it again. */
import { Button, Drawer, Empty, List, Space, Typography } from "antd";
import { App as AntApp } from "antd";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import type { Flow } from "./types";

interface Props {
  app: string;
  flowKey: string;
  onClose: () => void;
  onRestored: (draft: Flow | null, published: number | null) => void;
}

export default function VersionsDrawer({ app, flowKey, onClose, onRestored }: Props) {
  const { t } = useFlowText();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const { data, loading } = useAsync(() => flowApi.versions(app, flowKey).catch(() => []), [app, flowKey]);
  const restore = async (v: number, asDraft: boolean) => {
    try {
      const r = await flowApi.restore(app, flowKey, v, asDraft);
      if (asDraft) {
        message.success(t("versions.restored"));
        onRestored(r.draft ?? (await flowApi.draft(app, flowKey)), null);
      } else {
        message.success(t("versions.republished", { v: r.version }));
        onRestored(await flowApi.draft(app, flowKey), r.version);
      }
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Drawer open size={Math.min(420, window.innerWidth)} title={t("versions.title")} onClose={onClose} data-testid="flow-versions-drawer">
      {!loading && !data?.length ? <Empty description={t("versions.empty")} /> : (
        <List loading={loading} dataSource={data ?? []} renderItem={(v) => (
          <List.Item data-testid={`flow-version-${v.version}`} actions={[
            <Button key="d" size="small" onClick={() => void restore(v.version, true)}>{t("versions.restore")}</Button>,
            <Button key="p" size="small" onClick={() => void restore(v.version, false)}>{t("versions.restorePublish")}</Button>,
          ]}>
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{t("versions.version", { v: v.version })}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(v.published_at)}</Typography.Text>
              {v.note && <Typography.Text style={{ fontSize: 12 }}>{v.note}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
      )}
    </Drawer>
  );
}
