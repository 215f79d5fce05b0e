/** Creating or editing a department: code, name, English name (and, for a new one, its parent). */
import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { ApiError, errorText } from "../../api/client";
import { useLang } from "../../i18n/text";
import { useAdminText } from "../i18n";
import { departmentsApi, type DepartmentRow } from "./api";

interface Values {
  code: string;
  name: string;
  name_en?: string;
}

interface Props {
  department: DepartmentRow | null;   // null: a new one
  parent: DepartmentRow | null;       // where a new one goes (null: the top level)
  onClose: () => void;
  onSaved: (d: DepartmentRow) => void;
}

export default function DepartmentForm({ department, parent, onClose, onSaved }: Props) {
  const { t } = useAdminText();
  const { lang, tx } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const body = { code: v.code.trim(), name: v.name.trim(), name_en: v.name_en?.trim() || null };
    try {
      onSaved(department ? await departmentsApi.update(department.id, body)
        : await departmentsApi.create({ ...body, parent_id: parent?.id ?? null }));
    } catch (err) {
      const field = err instanceof ApiError ? (err.details?.field as keyof Values | undefined) : undefined;
      if (field) form.setFields([{ name: field, errors: [errorText(err, lang)] }]);
      else if (err instanceof ApiError && err.code === "duplicate") form.setFields([{ name: "code", errors: [errorText(err, lang)] }]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const required = (what: string) => [{ required: true, whitespace: true, message: t("departments.required", { what }) }];
  return (
    <Modal open title={department ? t("departments.rename") : parent ? t("departments.createUnder") : t("departments.create")}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t("departments.save")}
      cancelText={t("departments.cancel")} destroyOnHidden okButtonProps={{ ["data-testid" as string]: "dept-save" }}>
      {!department && <p>{t("departments.parent")}:{parent ? tx({ zh: parent.name, en: parent.name_en ?? undefined }) : t("departments.top")}</p>}
      {error !== undefined && <p style={{ color: "#ff4d4f" }}>{errorText(error, lang)}</p>}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}
        initialValues={department ? { code: department.code, name: department.name, name_en: department.name_en ?? "" } : {}}>
        <Form.Item name="name" label={t("departments.name")} rules={required(t("departments.name"))}>
          <Input maxLength={100} data-testid="dept-name" />
        </Form.Item>
        <Form.Item name="code" label={t("departments.code")} extra={t("departments.codeHelp")} rules={required(t("departments.code"))}>
          <Input maxLength={64} data-testid="dept-code" />
        </Form.Item>
        <Form.Item name="name_en" label={t("departments.nameEn")}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
