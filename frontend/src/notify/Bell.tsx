/** The header's bell: the unread count (polled, see unread.ts) and, once clicked, the message
 * list in a popover (a full-width drawer on a phone). The popover, the drawer and the list load
 * on the first click (BellOverlay.tsx), so the first page carries only the button and its badge. */
import { BellOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { lazy, Suspense, useEffect, useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { badgeText } from "./format";
import { watchUnread } from "./unread";

const BellOverlay = lazy(() => import("./BellOverlay"));
const PHONE = "(max-width: 600px)";
/** antd's small badge, drawn here: Badge would add ~11 kB to the first page */
const COUNT: CSSProperties = {
  position: "absolute", top: -7, insetInlineStart: 10, minWidth: 16, height: 16, padding: "0 4px", borderRadius: 8,
  background: "#ff4d4f", color: "#fff", fontSize: 11, lineHeight: "16px", textAlign: "center", boxShadow: "0 0 0 1px #001529",
};

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

export default function Bell() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const phone = usePhone();
  useEffect(() => watchUnread(setUnread), []);

  const button = (
    <Button type="text" className="trellis-bell" aria-label={t("header.notifications")} data-testid="bell"
      style={{ paddingInline: phone ? 4 : 8 }}
      onClick={used && !phone ? undefined : () => { setUsed(true); setOpen(true); }}>
      <span style={{ position: "relative", display: "inline-flex" }}>
        <BellOutlined style={{ fontSize: 18, color: "rgba(255,255,255,0.85)" }} />
        {unread > 0 && <span style={COUNT} data-testid="bell-badge" title={String(unread)}>{badgeText(unread)}</span>}
      </span>
    </Button>
  );
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <BellOverlay button={button} open={open} phone={phone} title={t("header.notifications")} onOpenChange={setOpen} />
    </Suspense>
  );
}
