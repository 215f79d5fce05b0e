/** One run: the flow version it ran on, drawn with the path it took highlighted (failed
 * nodes red), its step log (a node clicked shows only its steps), the people's part in it when it
 * has tasks (who acted when, with which comment; tasks/TaskHistory.tsx) and cancel / retry / skip. */
import { App as AntApp, Button, Drawer, Popconfirm, Space, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { flowApi } from "./api";
import type { CanvasApi } from "./canvasContext";
import FlowCanvas from "./FlowCanvas";
import { useFlowText } from "./i18n";
import { START } from "./problems";
import RunStateTag from "./RunStateTag";
import StepLogList from "./StepLogList";
import TaskHistory from "../tasks/TaskHistory";
import type { TaskHistoryEntry } from "../tasks/types";
import type { FlowTypes, StepLog } from "./types";
import { useFormFields } from "./useFormFields";
import { useLogicWords } from "./useLogicWords";
import { useHumanWords } from "./useHumanWords";
import { useTemplateNames } from "./useTemplateNames";

interface Props {
  app: string;
  id: number;
  types: FlowTypes;
  onClose: () => void;
  onChanged?: () => void;
}

const nothing = () => undefined;

export default function RunViewer({ app, id, types, onClose, onChanged }: Props) {
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { message } = AntApp.useApp();
  const { data: run, loading, reload } = useAsync(() => flowApi.run(app, id), [app, id]);
  const [node, setNode] = useState<string | null>(null);
  const fields = useFormFields(app, run?.definition?.form ?? run?.form);
  const describe = useLogicWords(fields);
  const templateNames = useTemplateNames(app);
  const humanWords = useHumanWords(app, run?.definition, fields);
  const byNode = useMemo(() => {
    const m = new Map<string, StepLog[]>();
    for (const s of run?.steps ?? []) m.set(s.node, [...(m.get(s.node) ?? []), s]);
    return m;
  }, [run]);
  const act = async (action: "cancel" | "retry" | "skip") => {
    try {
      await flowApi.act(app, id, action);
      message.success(t("runs.done"));
      reload();
      onChanged?.();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const canvas: CanvasApi | null = run?.definition ? {
    flow: { ...run.definition, steps: run.definition.steps ?? [] },
    nodeTypes: new Map(types.nodes.map((n) => [n.key, n])),
    triggerTypes: new Map(types.triggers.map((n) => [n.key, n])),
    problems: new Map(), selected: node, readOnly: true, path: new Set(run.path ?? []), steps: byNode, describe,
    templateNames, humanWords,
    onSelect: (n) => setNode(n === START || n === node ? null : n),
    onInsert: nothing, onRemove: nothing, onMove: nothing, onAddBranch: nothing, onRemoveBranch: nothing,
  } : null;
  const live = run && (run.state === "running" || run.state === "waiting");
  const tasks = ((run as { tasks?: TaskHistoryEntry[] } | undefined)?.tasks ?? []);
  return (
    <Drawer open size={Math.min(1200, window.innerWidth)} onClose={onClose} destroyOnHidden data-testid="flow-run-viewer"
      title={<Space wrap><span>{t("runs.title", { id })}</span>{run && <RunStateTag state={run.state} />}
        {run?.record_id && run.form && (
          <Link to={`/apps/${app}/forms/${run.form}/records/${run.record_id}`}>{run.record_title || `#${run.record_id}`}</Link>
        )}</Space>}
      extra={run && (
        <Space wrap>
          {live && (
            <Popconfirm title={t("runs.cancelConfirm")} onConfirm={() => void act("cancel")}>
              <Button danger data-testid="run-cancel">{t("runs.cancel")}</Button>
            </Popconfirm>
          )}
          {run.state === "failed" && <Button onClick={() => void act("retry")} data-testid="run-retry">{t("runs.retry")}</Button>}
          {(run.state === "failed" || run.state === "waiting") && (
            <Button onClick={() => void act("skip")} data-testid="run-skip">{t("runs.skip")}</Button>
          )}
        </Space>
      )}>
      {loading && !run ? <Spin /> : run && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {run.version ? `v${run.version} · ` : ""}{t("runs.started")} {formatDateTime(run.started_at)}
            {run.ended_at ? ` · ${t("runs.ended")} ${formatDateTime(run.ended_at)}` : ""}
            {run.error ? <Typography.Text type="danger"> · {typeof run.error === "string" ? run.error : tx(run.error)}</Typography.Text> : null}
          </Typography.Paragraph>
          <div className="tfl-run-body">
            {canvas && <FlowCanvas api={canvas} />}
            <div className="tfl-run-log">
              <Typography.Title level={5} style={{ marginTop: 0 }}>{t("runs.steps")}</Typography.Title>
              <StepLogList steps={run.steps ?? []} flow={canvas?.flow} node={node} />
              {tasks.length > 0 && <TaskHistory items={node ? tasks.filter((x) => x.node === node) : tasks} />}
            </div>
          </div>
        </>
      )}
    </Drawer>
  );
}
