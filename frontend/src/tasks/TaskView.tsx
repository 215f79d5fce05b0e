/** One task: its title, flow and step, initiator, times and countdown; the record as the node's
 * permissions show it (editable fields as inputs); the run's history; and the action bar. An
 * action opens its modal; approve / handle send the changed editable values; the server's
 * refusal is shown under the fields it names or at the top, in the user's language. */
import { LinkOutlined } from "@ant-design/icons";
import { Alert, App, Spin, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import type { ActionBody, TaskAction } from "./types";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import ErrorResult from "../shell/ErrorResult";
import ActionBar from "./ActionBar";
import ActionModal from "./ActionModal";
import { needsOf, taskActions } from "./actions";
import { taskApi } from "./api";
import { splitErrors, type SplitErrors } from "./errors";
import { useTaskText } from "./i18n";
import { refreshPending } from "./pending";
import SlaTag from "./SlaTag";
import StateTag from "./StateTag";
import { changedValues, missingRequired } from "./taskFields";
import TaskFields from "./TaskFields";
import TaskHistory from "./TaskHistory";
import { useTask } from "./useTask";
import "./tasks.css";

interface Props {
  id: number;
  /** after an action that finished the task (the caller closes the view and reloads its list) */
  onActed: (action: TaskAction) => void;
}

const NO_ERRORS: SplitErrors = { fields: {}, inputs: {}, top: null };

export default function TaskView({ id, onActed }: Props) {
  const { t } = useTaskText();
  const { tx, lang } = useLang();
  const { message } = App.useApp();
  const { task, def, fields, record, initial, error, loading, reload } = useTask(id);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [action, setAction] = useState<TaskAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<SplitErrors>(NO_ERRORS);
  useEffect(() => { setValues(initial); setProblems(NO_ERRORS); }, [initial]);

  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!task) return <Spin style={{ display: "block", margin: 48 }} />;
  const actions = taskActions(task);
  const recordId = task.record_id ?? record?.id ?? (typeof task.record === "number" ? task.record : null);
  // only for someone who may open the form (an assignee may see this record through the task alone)
  const recordLink = def && task.form && recordId != null ? `/apps/${task.app}/forms/${task.form}/records/${recordId}` : null;

  const pick = (a: TaskAction) => {
    if (needsOf(a).values) {
      const lack = missingRequired(fields, values);
      if (lack.length) {
        setProblems({ fields: Object.fromEntries(lack.map((f) => [f, t("task.required")])), inputs: {}, top: t("task.fixFields") });
        return;
      }
    }
    setProblems((p) => ({ ...p, inputs: {}, top: null }));
    setAction(a);
  };
  const submit = async (body: ActionBody) => {
    if (!action) return;
    setBusy(true);
    try {
      const send = { ...body };
      if (needsOf(action).values) {
        const changed = changedValues(values, initial);
        if (Object.keys(changed).length || action === "handle") send.values = changed;
      }
      await taskApi.act(task.id, action, send);
      message.success(t(`done.${action}`));
      setAction(null);
      setProblems(NO_ERRORS);
      refreshPending();
      if (action === "comment") reload();
      else onActed(action);
    } catch (err) {
      const split = splitErrors(err, lang, new Set(fields.map((f) => f.field.id)));
      setProblems(split);
      if (Object.keys(split.fields).length && !Object.keys(split.inputs).length) setAction(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="trellis-task-view" data-testid="task-view">
      <div className="trellis-task-head">
        {task.kind && <Tag color="blue">{t(`kind.${task.kind}`, { defaultValue: task.kind })}</Tag>}
        <h3 data-testid="task-title">{task.title || `#${task.record_id ?? task.id}`}</h3>
        <StateTag state={task.state} />
        {task.state === "pending" && <SlaTag item={task} />}
      </div>
      <div className="trellis-task-meta">
        <span>{tx(task.flow_label, task.flow ?? "")}{task.node_label || task.node ? ` · ${tx(task.node_label, task.node ?? "")}` : ""}</span>
        {task.initiator_name && <span>{t("task.initiator")}: {task.initiator_name}</span>}
        {task.created_at && <span>{t("task.arrived")}: {formatDateTime(task.created_at)}</span>}
        {task.due_at && <span>{t("task.due")}: {formatDateTime(task.due_at)}</span>}
        {recordLink && <Link to={recordLink} data-testid="task-open-record"><LinkOutlined /> {t("task.openRecord")}</Link>}
      </div>
      {problems.top && !action && <Alert type="error" showIcon title={problems.top} style={{ marginBottom: 12 }} data-testid="task-error" />}
      {task.state !== "pending" && task.kind !== "cc" && <Alert type="info" title={t("task.closed")} style={{ marginBottom: 12 }} />}
      {loading ? <Spin /> : (
        <TaskFields app={task.app} form={task.form ?? ""} fields={fields} record={record} values={values} errors={problems.fields}
          onChange={(fid, v) => {
            setValues((old) => ({ ...old, [fid]: v }));
            if (problems.fields[fid]) setProblems((p) => ({ ...p, fields: Object.fromEntries(Object.entries(p.fields).filter(([k]) => k !== fid)) }));
          }} />
      )}
      <div className="trellis-task-section">{t("task.history")}</div>
      <TaskHistory items={task.history ?? []} />
      <ActionBar actions={actions} onPick={pick} />
      <ActionModal action={action} returnable={task.returnable ?? []} busy={busy} top={action ? problems.top : null}
        inputs={problems.inputs} onCancel={() => setAction(null)} onSubmit={(b) => void submit(b)} />
    </div>
  );
}
