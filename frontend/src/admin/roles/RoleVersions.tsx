/** A role's published versions, newest first: restore one as the draft, or publish it again. */
import { App as AntApp, Button, Drawer, Empty, List, Space, Tag, Typography } from "antd";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { formatDateTime } from "../../registries/format";
import { useAdminText } from "../i18n";
import { roleApi } from "./api";

interface Props {
  app: string;
  role: string;
  current: number | null;
  onClose: () => void;
  /** after a restore: reload the draft (and the published version) */
  onRestored: () => void;
}

export default function RoleVersions({ app, role, current, onClose, onRestored }: Props) {
  const { t } = useAdminText();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const { data, loading } = useAsync(() => roleApi.versions(app, role).catch(() => []), [app, role, current]);
  const restore = async (v: number, asDraft: boolean) => {
    try {
      const r = await roleApi.restore(app, role, v, asDraft);
      message.success(asDraft ? t("roles.versions.restored") : t("roles.versions.republished", { v: r.version }));
      onRestored();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const items = [...(data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Drawer open size={Math.min(440, window.innerWidth)} title={t("roles.versions.title")} onClose={onClose} data-testid="role-versions">
      {!loading && !items.length ? <Empty description={t("roles.versions.empty")} /> : (
        <List loading={loading} dataSource={items} renderItem={(v) => (
          <List.Item data-testid={`role-version-${v.version}`} actions={[
            <Button key="d" size="small" onClick={() => void restore(v.version, true)}>{t("roles.versions.restore")}</Button>,
            <Button key="p" size="small" disabled={v.version === current} onClick={() => void restore(v.version, false)}>
              {t("roles.versions.republish")}</Button>,
          ]}>
            <Space orientation="vertical" size={0}>
              <Space size={4}>
                <Typography.Text strong>{t("roles.versions.version", { v: v.version })}</Typography.Text>
                {v.version === current && <Tag color="green">{t("roles.versions.current")}</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(v.published_at)}</Typography.Text>
              {v.note && <Typography.Text style={{ fontSize: 12 }}>{v.note}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
      )}
    </Drawer>
  );
}
