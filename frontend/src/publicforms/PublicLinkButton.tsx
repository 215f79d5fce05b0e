/** The designer's 外链发布 button: opens the form's public link panel (once the form is published). */
import { QrcodeOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { lazy, Suspense, useState } from "react";
import { usePublicText } from "./i18n";

const PublicLinkPanel = lazy(() => import("./PublicLinkPanel"));

export default function PublicLinkButton({ app, form, published }: { app: string; form: string; published: boolean }) {
  const { t } = usePublicText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={published ? undefined : t("panel.unpublished")}>
        <Button icon={<QrcodeOutlined />} disabled={!published} onClick={() => setOpen(true)} data-testid="open-public-link">
          {t("panel.button")}
        </Button>
      </Tooltip>
      {open && (
        <Suspense fallback={null}>
          <PublicLinkPanel app={app} form={form} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
