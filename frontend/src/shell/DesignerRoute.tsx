/** The form designer, loaded on demand. */
import { Spin } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";

const DesignerPage = lazy(() => import("../designer/DesignerPage"));

export default function DesignerRoute() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Spin size="large" tip={t("designer.loading")} style={{ display: "block", margin: "120px auto" }}><div /></Spin>}>
      <DesignerPage />
    </Suspense>
  );
}
