/** Top bar: product name, app switcher, language switch, the inbox (待办) button, the notifications bell and the user menu.
 * On a phone (`onMenu` given) a menu button takes the product name's place and the language switch
 * moves into the menu drawer, so that the rest fits in 390 px. */
import { MenuOutlined } from "@ant-design/icons";
import { Button, Layout } from "antd";
import { Link } from "react-router-dom";
import logo from "../assets/favicon.svg";
import Bell from "../notify/Bell";
import InboxButton from "../tasks/InboxButton";
import AppSwitcher from "./AppSwitcher";
import LanguageSwitch from "./LanguageSwitch";
import { usePhoneText } from "./phoneText";
import UserMenu from "./UserMenu";

export default function HeaderBar({ app, onMenu }: { app?: string; onMenu?: () => void }) {
  const { t } = usePhoneText();
  return (
    <Layout.Header className="trellis-header">
      {onMenu
        ? <Button type="text" className="trellis-menu-button" icon={<MenuOutlined />} aria-label={t("menu")}
            data-testid="menu-button" onClick={onMenu} />
        : <Link to="/" className="trellis-logo"><img src={logo} alt="" />Trellis</Link>}
      <AppSwitcher current={app} />
      <div className="trellis-header-spacer" />
      {!onMenu && <LanguageSwitch dark />}
      <InboxButton />
      <Bell />
      <UserMenu app={app} />
    </Layout.Header>
  );
}
