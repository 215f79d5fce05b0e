/** Where the bell's list opens: a popover under the bell, or a full-width drawer on a phone. */
import { Drawer, Popover } from "antd";
import type { ReactElement } from "react";
import BellPanel from "./BellPanel";

interface Props {
  button: ReactElement;
  open: boolean;
  phone: boolean;
  title: string;
  onOpenChange: (open: boolean) => void;
}

export default function BellOverlay({ button, open, phone, title, onOpenChange }: Props) {
  const close = () => onOpenChange(false);
  if (phone) {
    return (
      <>
        {button}
        <Drawer open={open} onClose={close} placement="right" size="100%" title={title} styles={{ body: { padding: "0 12px" } }}
          destroyOnHidden>
          {open && <BellPanel onClose={close} />}
        </Drawer>
      </>
    );
  }
  return (
    <Popover open={open} onOpenChange={onOpenChange} trigger="click" placement="bottomRight" title={title}
      content={open ? <BellPanel onClose={close} /> : null} destroyOnHidden>
      {button}
    </Popover>
  );
}
