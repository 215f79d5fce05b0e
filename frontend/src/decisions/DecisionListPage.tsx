/** /apps/:app/decisions: the app's decision tables (administrators), each opening its editor,
 * and a new one (a key and its names; it starts with one input, one output and one rule). */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Modal, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { decisionApi, type DecisionSummary } from "./api";
import { DECISIONS_NS } from "./i18n";
import { blankDecision } from "./model";
import "./decisions.css";

const KEY = /^[a-z][a-z0-9_]{0,40}$/;

export default function DecisionListPage() {
  const { app = "" } = useParams();
  const { t } = useTranslation(DECISIONS_NS);
  const { tx, lang } = useLang();
  const navigate = useNavigate();
  const { data, loading, error } = useAsync(() => decisionApi.list(app), [app]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ key: string; zh: string; en?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const taken = new Set((data ?? []).map((d) => d.id));

  const create = async () => {
    const v = await form.validateFields();
    setFailure(null);
    try {
      await decisionApi.save(app, v.key, blankDecision(v.key, { zh: v.zh, en: v.en || undefined }));
      navigate(`/apps/${app}/decisions/${v.key}`);
    } catch (err) {
      setFailure(errorText(err, lang));
    }
  };

  return (
    <div className="tdc-page" data-testid="decision-list">
      <div className="tdc-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>{t("list.title")}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="decision-new">
          {t("list.create")}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t("list.intro")}</Typography.Paragraph>
      {error ? <Typography.Text type="danger">{errorText(error, lang)}</Typography.Text> : null}
      <Table<DecisionSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t("list.empty") }}
        scroll={{ x: true }}
        columns={[
          { key: "label", title: t("list.label"),
            render: (_, d) => <Link to={`/apps/${app}/decisions/${d.id}`} data-testid={`decision-link-${d.id}`}>{tx(d.label ?? undefined, d.id)}</Link> },
          { key: "id", title: t("list.key"), dataIndex: "id", render: (id: string) => <code>{id}</code> },
          { key: "status", title: t("list.status"),
            render: (_, d) => (d.published_version ? <Tag color="green">{t("list.published", { v: d.published_version })}</Tag>
              : <Tag>{t("list.draft")}</Tag>) },
          { key: "updated", title: t("list.updated"), dataIndex: "draft_updated_at",
            render: (v?: string) => (v ? v.slice(0, 16).replace("T", " ") : "") },
        ]}
      />
      <Modal open={creating} title={t("list.createTitle")} onCancel={() => setCreating(false)} onOk={() => void create()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="key" label={t("list.key")} extra={t("list.keyHelp")}
            rules={[{ required: true, pattern: KEY, message: t("list.keyBad") },
              { validator: (_, v) => (taken.has(v) ? Promise.reject(new Error(t("list.keyTaken"))) : Promise.resolve()) }]}>
            <Input data-testid="decision-new-key" />
          </Form.Item>
          <Form.Item name="zh" label={t("list.nameZh")} rules={[{ required: true }]}>
            <Input data-testid="decision-new-zh" />
          </Form.Item>
          <Form.Item name="en" label={t("list.nameEn")}>
            <Input />
          </Form.Item>
        </Form>
        {failure && <Typography.Text type="danger">{failure}</Typography.Text>}
      </Modal>
    </div>
  );
}
