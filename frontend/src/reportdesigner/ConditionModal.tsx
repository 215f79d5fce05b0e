/** A condition over the report's form edited in a dialog (the report's filter, a measure's
 * own filter): OK keeps what was built, an empty builder clears it. */
import { Modal, Spin } from "antd";
import { lazy, Suspense, useState } from "react";
import type { JsonLogic } from "../api/types";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";

const ConditionBuilder = lazy(() => import("./ConditionBuilder"));

interface Props {
  title: string;
  value: JsonLogic | undefined;
  onOk: (logic: JsonLogic) => void;
  onClose: () => void;
}

export default function ConditionModal({ title, value, onOk, onClose }: Props) {
  const { t } = useDesignerText();
  const { app, form } = useDesigner();
  const [pending, setPending] = useState<JsonLogic>(value ?? null);
  return (
    <Modal open title={title} width={Math.min(860, window.innerWidth - 16)} destroyOnHidden onCancel={onClose}
      okText={t("filter.ok")} cancelText={t("filter.cancel")} okButtonProps={{ "data-testid": "rd-condition-ok" }}
      onOk={() => { onOk(pending); onClose(); }}>
      <Suspense fallback={<Spin tip={t("filter.loading")}><div style={{ minHeight: 80 }} /></Spin>}>
        {form ? <ConditionBuilder app={app} form={form} value={value} onChange={setPending} /> : <Spin />}
      </Suspense>
    </Modal>
  );
}
