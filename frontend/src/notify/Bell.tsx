/** The header's bell: the unread count (polled, see unread.ts) and, when clicked, the message list
 * in a popover (a full-width drawer on a phone), loaded on first use. */
import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Drawer, Popover, Spin } from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { watchUnread } from "./unread";

const BellPanel = lazy(() => import("./BellPanel"));
const PHONE = "(max-width: 600px)";

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
  const phone = usePhone();
  useEffect(() => watchUnread(setUnread), []);

  const close = () => setOpen(false);
  const panel = open ? (
    <Suspense fallback={<Spin style={{ display: "block", margin: "40px auto" }} />}>
      <BellPanel onClose={close} />
    </Suspense>
  ) : null;
  const button = (
    <Button type="text" className="trellis-bell" aria-label={t("header.notifications")} data-testid="bell"
      style={{ paddingInline: phone ? 4 : 8 }}
      onClick={phone ? () => setOpen(true) : undefined}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="bell-badge">
        <BellOutlined style={{ fontSize: 18, color: "rgba(255,255,255,0.85)" }} />
      </Badge>
    </Button>
  );
  if (phone) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={close} placement="right" size="100%" title={t("header.notifications")}
          styles={{ body: { padding: "0 12px" } }} destroyOnHidden>
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" title={t("header.notifications")}
      content={panel} destroyOnHidden>
      {button}
    </Popover>
  );
}
