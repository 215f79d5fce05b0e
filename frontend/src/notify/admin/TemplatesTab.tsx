/** 模板: the app's template definitions (key, name, status); opening one (or "new") shows its editor. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Result, Table, Tag } from "antd";
import { useState } from "react";
import { errorText } from "../../api/client";
import type { FormSummary } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { notifyApi } from "../api";
import { shortDate } from "../format";
import { useNotifyText } from "../i18n";
import type { DefinitionItem } from "../types";
import TemplateEditor from "./TemplateEditor";

export default function TemplatesTab({ app, channels, forms }: { app: string; channels: string[]; forms: FormSummary[] }) {
  const { t } = useNotifyText();
  const { tx, lang } = useLang();
  const { data, error, loading, reload } = useAsync(() => notifyApi.templates(app), [app]);
  const [open, setOpen] = useState<string | null | undefined>(undefined);

  if (open !== undefined) {
    return (
      <TemplateEditor app={app} templateKey={open} taken={(data ?? []).map((d) => d.id)} channels={channels} forms={forms}
        onBack={() => { setOpen(undefined); reload(); }} onSaved={(key) => { setOpen(key); reload(); }} />
    );
  }
  if (error) return <Result status="warning" title={errorText(error, lang)} extra={<Button onClick={reload}>{t("common.retry")}</Button>} />;
  return (
    <div data-testid="templates-tab">
      <div className="trellis-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(null)} data-testid="template-add">{t("templates.add")}</Button>
      </div>
      <Table<DefinitionItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("templates.empty") }}
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: "pointer" } })}
        columns={[
          { key: "id", title: t("templates.key"), render: (_, d) => <a data-testid={`template-${d.id}`}>{d.id}</a> },
          { key: "label", title: t("templates.label"), render: (_, d) => tx(d.label ?? null, "") },
          {
            key: "status", title: t("templates.status"), render: (_, d) => (d.published_version
              ? <Tag color="green">{t("templates.published", { version: d.published_version })}</Tag> : <Tag>{t("templates.draft")}</Tag>),
          },
          { key: "updated", title: t("channels.updated"), responsive: ["md"], render: (_, d) => shortDate(d.draft_updated_at) },
        ]}
      />
    </div>
  );
}
