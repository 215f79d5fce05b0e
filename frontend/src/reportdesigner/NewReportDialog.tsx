/** A new report: the form it aggregates, its names and its id (made from the name until the
 * user types one). OK starts the designer on it; nothing is stored until it is saved. */
import { Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { metaCache } from "../api/cache";
import type { Text } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { useDesignerText } from "./i18n";
import { ID_PATTERN, reportIdFromLabel } from "./model";

interface Values {
  form?: string;
  zh?: string;
  en?: string;
  id?: string;
}

interface Props {
  app: string;
  taken: string[];
  onStart: (form: string, id: string, label: Text) => void;
  onCancel: () => void;
}

export default function NewReportDialog({ app, taken, onStart, onCancel }: Props) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const [form] = Form.useForm<Values>();
  const [idTyped, setIdTyped] = useState(false);
  const forms = useAsync(() => metaCache.forms(app), [app]);

  const suggest = (changed: Values, all: Values) => {
    if ("id" in changed) setIdTyped(Boolean(changed.id));
    else if (!idTyped) form.setFieldValue("id", reportIdFromLabel({ zh: all.zh ?? "", en: all.en }, all.form ?? "", taken));
  };
  const ok = async () => {
    const v = await form.validateFields();
    onStart(v.form!, v.id!, { zh: v.zh!.trim(), ...(v.en?.trim() ? { en: v.en.trim() } : {}) });
  };

  return (
    <Modal open title={t("create.title")} onOk={() => void ok()} onCancel={onCancel} okText={t("create.ok")} cancelText={t("create.cancel")}
      okButtonProps={{ "data-testid": "rd-new-ok" }} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" onValuesChange={suggest} data-testid="rd-new">
        <Form.Item name="form" label={t("create.form")} extra={t("create.formHelp")} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={forms.loading} data-testid="rd-new-form"
            options={(forms.data ?? []).map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
        </Form.Item>
        <Form.Item name="zh" label={t("create.nameZh")} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="rd-new-zh" />
        </Form.Item>
        <Form.Item name="en" label={t("create.nameEn")}>
          <Input data-testid="rd-new-en" />
        </Form.Item>
        <Form.Item name="id" label={t("create.id")} extra={t("create.idHelp")}
          rules={[{ required: true, pattern: ID_PATTERN, message: t("create.idBad") },
            { validator: (_, v) => (taken.includes(v) ? Promise.reject(new Error(t("create.idTaken"))) : Promise.resolve()) }]}>
          <Input data-testid="rd-new-id" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
