/** An app's settings (administrators): its name in Chinese (English optional) and icon, the side
 * menu's groups and order (MenuEditor), and its home page (a dashboard or a form). "发布" saves the
 * app definition's draft and publishes it after a confirmation listing what changes in words; the
 * side menu follows at once. Everything else in the definition is kept as it was. */
import { App, Alert, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography, type ButtonProps } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { entryId, type MenuEntry } from "../../shell/appMenu";
import { useSession } from "../../shell/SessionContext";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import { settingsApi } from "./api";
import { describeChanges } from "./changes";
import { APP_ICONS, AppIcon } from "./icons";
import MenuEditor from "./MenuEditor";
import { fromDefinition, startingMenu, toDefinition, type AppDefinition, type Home, type Settings } from "./model";

export default function AppSettingsPage() {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const { app = "" } = useParams();
  const { message, modal } = App.useApp();
  const { refresh } = useSession();
  const phone = usePhone();
  const loaded = useAsync(() => Promise.all([settingsApi.draft(app), settingsApi.published(app), settingsApi.choices(app)]), [app]);
  const [settings, setSettings] = useState<Settings>();
  const [busy, setBusy] = useState(false);
  const [draft, published, choices] = loaded.data ?? [null, null, []];
  useEffect(() => { if (draft) setSettings(fromDefinition(draft)); }, [draft]);

  const labels = useMemo(() => new Map(choices.map((c) => [entryId(c), c.label ?? undefined])), [choices]);
  const name = (type: string, key: string) => tx(labels.get(`${type}:${key}`), key);
  if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error, lang)} />;
  if (!draft || !settings) return <Spin style={{ display: "block", margin: "80px auto" }} />;

  const formKeys = choices.filter((c) => c.type === "form").map((c) => c.key);
  const menu = settings.menu ?? startingMenu(draft, formKeys, { zh: "表单", en: "Forms" });
  const placed = new Set(menu.flatMap((g) => g.items.map(entryId)));
  const pool: MenuEntry[] = choices.filter((c) => !placed.has(entryId(c))).map((c) => ({ type: c.type, key: c.key }));
  const set = (patch: Partial<Settings>) => setSettings((s) => (s ? { ...s, ...patch } : s));
  const next: AppDefinition = toDefinition(draft, settings);
  const say = (key: string, values?: Record<string, unknown>) => String(t(key, values ?? {}));
  const changes = describeChanges(published, next, name, say, lang);
  const missingName = !settings.label.zh?.trim();

  const publish = () => {
    if (missingName) { message.error(t("settings.nameRequired")); return; }
    if (!changes.length) { message.info(t("settings.nothing")); return; }
    modal.confirm({
      title: t("settings.confirm.title"), okText: t("settings.confirm.ok"), cancelText: t("settings.confirm.cancel"),
      okButtonProps: { "data-testid": "settings-confirm" } as ButtonProps,
      content: (
        <div data-testid="settings-changes">
          <div>{t("settings.confirm.intro")}</div>
          <ul style={{ margin: "6px 0 0", paddingInlineStart: 18 }}>{changes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      ),
      onOk: async () => {
        setBusy(true);
        try {
          await settingsApi.save(app, next);
          await settingsApi.publish(app);
          message.success(t("settings.published"));
          refresh();
          loaded.reload();
        } catch (err) {
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      },
    });
  };
  const homeChoices = (type: "dashboard" | "form") => choices.filter((c) => c.type === type)
    .map((c) => ({ value: c.key, label: tx(c.label, c.key) }));

  return (
    <div data-testid="app-settings" style={{ maxWidth: 880 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}><AppIcon name={settings.icon} /> {t("settings.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("settings.intro")}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Card size="small" title={t("settings.basics")}>
          <Form layout={phone ? "vertical" : "horizontal"} labelCol={phone ? undefined : { flex: "180px" }} labelWrap>
            <Form.Item label={t("settings.name")} required validateStatus={missingName ? "error" : undefined}
              help={missingName ? t("settings.nameRequired") : undefined}>
              <Input value={settings.label.zh ?? ""} maxLength={40} data-testid="settings-name"
                onChange={(e) => set({ label: { ...settings.label, zh: e.target.value } })} />
            </Form.Item>
            <Form.Item label={t("settings.nameEn")} extra={t("settings.nameEnHelp")}>
              <Input value={settings.label.en ?? ""} maxLength={60} data-testid="settings-name-en"
                onChange={(e) => set({ label: { ...settings.label, en: e.target.value } })} />
            </Form.Item>
            <Form.Item label={t("settings.icon")} style={{ marginBottom: 0 }}>
              <Radio.Group value={settings.icon} onChange={(e) => set({ icon: e.target.value as string })}
                optionType="button" data-testid="settings-icon" style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {Object.keys(APP_ICONS).map((n) => (
                  <Radio.Button key={n} value={n} aria-label={n} title={n}><AppIcon name={n} /></Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Form>
        </Card>
        <Card size="small" title={t("settings.menu.title")}
          extra={settings.menu !== null && !draft.menu ? (
            <Button size="small" type="link" onClick={() => set({ menu: null })}>{t("settings.menu.reset")}</Button>) : null}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t("settings.menu.help")}</Typography.Paragraph>
          <MenuEditor menu={menu} pool={pool} name={name} onChange={(m) => set({ menu: m })} />
        </Card>
        <Card size="small" title={t("settings.home.title")}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t("settings.home.help")}</Typography.Paragraph>
          <Space wrap>
            <Radio.Group value={settings.home.type} data-testid="settings-home"
              onChange={(e) => {
                const type = e.target.value as Home["type"];
                if (type === "default") set({ home: { type } });
                else set({ home: { type, key: homeChoices(type)[0]?.value ?? "" } });
              }}>
              <Radio value="default">{t("settings.home.default")}</Radio>
              <Radio value="dashboard" disabled={!homeChoices("dashboard").length}>{t("settings.home.dashboard")}</Radio>
              <Radio value="form">{t("settings.home.form")}</Radio>
            </Radio.Group>
            {settings.home.type !== "default" && (
              <Select style={{ minWidth: 200 }} value={settings.home.key} options={homeChoices(settings.home.type)}
                placeholder={t("settings.home.pick")} data-testid="settings-home-key" showSearch={{ optionFilterProp: "label" }}
                onChange={(key: string) => set({ home: { type: settings.home.type as "dashboard" | "form", key } })} />
            )}
          </Space>
        </Card>
        <Space wrap>
          <Button type="primary" onClick={publish} loading={busy} data-testid="settings-publish">
            {busy ? t("settings.publishing") : t("settings.publish")}
          </Button>
          {changes.length > 0 && <Typography.Text type="warning" data-testid="settings-unsaved">{t("settings.unsaved")}</Typography.Text>}
        </Space>
      </Space>
    </div>
  );
}
