/** The header's inbox button (待办) with the pending count: the way to the inbox on a phone, where
 * the side menu is folded away. */
import { CheckSquareOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useEffect, useState, type CSSProperties } from "react";
import { useNavigate } from "react-router-dom";
import { useLang } from "../i18n/text";
import { countText, INBOX_PATH, menuLabel } from "./menuText";
import { usePending } from "./usePending";

/** the bell's badge style (antd's Badge would add to the first page) */
const COUNT: CSSProperties = {
  position: "absolute", top: -7, insetInlineStart: 10, minWidth: 16, height: 16, padding: "0 4px", borderRadius: 8,
  background: "#ff4d4f", color: "#fff", fontSize: 11, lineHeight: "16px", textAlign: "center", boxShadow: "0 0 0 1px #001529",
};

const PHONE = "(max-width: 600px)";

/** a phone's header is full: the button takes no more room than its icon */
function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const mq = window.matchMedia(PHONE);
    const on = () => setPhone(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  return phone;
}

export default function InboxButton() {
  const { lang } = useLang();
  const navigate = useNavigate();
  const pending = usePending();
  const phone = usePhone();
  const label = menuLabel(lang);
  return (
    <Button type="text" className="trellis-inbox-button" aria-label={label} title={label} data-testid="inbox-button"
      style={phone ? { paddingInline: 4, marginInline: -4 } : { paddingInline: 6 }} onClick={() => navigate(INBOX_PATH)}>
      <span style={{ position: "relative", display: "inline-flex" }}>
        <CheckSquareOutlined style={{ fontSize: 18, color: "rgba(255,255,255,0.85)" }} />
        {pending > 0 && <span style={COUNT} data-testid="inbox-badge" title={String(pending)}>{countText(pending)}</span>}
      </span>
    </Button>
  );
}
