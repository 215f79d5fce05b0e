/** Top bar: product name, app switcher, language switch, the inbox (待办) button, the notifications bell and the user menu. */
import { Layout } from "antd";
import { Link } from "react-router-dom";
import logo from "../assets/favicon.svg";
import Bell from "../notify/Bell";
import InboxButton from "../tasks/InboxButton";
import AppSwitcher from "./AppSwitcher";
import LanguageSwitch from "./LanguageSwitch";
import UserMenu from "./UserMenu";

export default function HeaderBar({ app }: { app?: string }) {
  return (
    <Layout.Header className="trellis-header">
      <Link to="/" className="trellis-logo"><img src={logo} alt="" />Trellis</Link>
      <AppSwitcher current={app} />
      <div className="trellis-header-spacer" />
      <LanguageSwitch dark />
      <InboxButton />
      <Bell />
      <UserMenu app={app} />
    </Layout.Header>
  );
}
