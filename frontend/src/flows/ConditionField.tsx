/** A condition (entry, exit, a branch's, a node's `when` / `condition` / `until_condition`):
 * shown in words, edited in the shared condition builder over the flow form's fields. */
import { EditOutlined } from "@ant-design/icons";
import { Button, Modal, Space, Spin, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import type { FieldDef, JsonLogic } from "../api/types";
import { useFlowText } from "./i18n";
import { useLogicWords } from "./useLogicWords";

const ConditionBuilder = lazy(() => import("../designer/conditions/ConditionBuilder"));

interface Props {
  value: unknown;
  onChange: (logic: JsonLogic) => void;
  fields: FieldDef[];
  title: string;
  help?: string;
  testId: string;
}

export default function ConditionField({ value, onChange, fields, title, help, testId }: Props) {
  const { t } = useFlowText();
  const describe = useLogicWords(fields);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<JsonLogic>(null);
  const words = describe(value);
  return (
    <div style={{ marginBottom: 16 }} data-testid={testId}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} data-testid={`${testId}-edit`}
            onClick={() => { setPending((value ?? null) as JsonLogic); setOpen(true); }}>
            {t("panel.editCondition")}
          </Button>
          {value != null && (
            <Button size="small" type="text" danger onClick={() => onChange(null)} data-testid={`${testId}-clear`}>
              {t("expr.clear")}
            </Button>
          )}
        </Space>
      </div>
      {help && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>{help}</Typography.Paragraph>}
      <div className={`tfl-cond${words ? "" : " tfl-cond-muted"}`} data-testid={`${testId}-text`}>
        {words ?? (value === true ? t("canvas.always") : "—")}
      </div>
      <Modal open={open} width={860} title={title} destroyOnHidden onCancel={() => setOpen(false)}
        onOk={() => { onChange(pending); setOpen(false); }} okButtonProps={{ "data-testid": `${testId}-ok` }}>
        <Suspense fallback={<Spin />}>
          <div className="tfl-cond-builder">
            <ConditionBuilder fields={fields} self="" value={(value ?? null) as JsonLogic} onChange={setPending} />
          </div>
        </Suspense>
      </Modal>
    </div>
  );
}
