/** A run's step log: each step's node, result, time and duration, its input, output and error
 * (only the selected node's when one is selected). */
import { Collapse, Empty, Tag, Typography } from "antd";
import { useLang } from "../i18n/text";
import { formatDateTime } from "../registries/format";
import { useFlowText } from "./i18n";
import type { Flow, StepLog } from "./types";
import { findNode } from "./tree";

const RESULT_COLOR: Record<string, string> = { ok: "green", done: "green", failed: "red", error: "red", skipped: "default",
  waiting: "gold", exited: "purple" };

const json = (v: unknown) => <pre>{JSON.stringify(v, null, 2)}</pre>;

export default function StepLogList({ steps, flow, node }: { steps: StepLog[]; flow?: Flow; node: string | null }) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const shown = node ? steps.filter((s) => s.node === node) : steps;
  if (!shown.length) return <Empty description={t("runs.noSteps")} />;
  const nameOf = (id: string) => {
    const found = flow ? findNode(flow, id)?.node : undefined;
    return found?.label ? tx(found.label) : id;
  };
  return (
    <Collapse size="small" className="tfl-step-log" data-testid="run-steps"
      items={shown.map((s) => ({
        key: String(s.seq),
        label: (
          <span data-testid={`run-step-${s.node}`}>
            <Typography.Text type="secondary">#{s.seq}</Typography.Text> <b>{nameOf(s.node)}</b>{" "}
            {s.result && <Tag color={RESULT_COLOR[s.result] ?? (s.error ? "red" : "blue")}>
              {t(`runs.results.${s.result}`, { defaultValue: s.result })}</Tag>}
            {s.error && <Tag color="red">{t("runs.error")}</Tag>}
          </span>
        ),
        extra: <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(s.at)}{s.ms != null ? ` · ${s.ms} ms` : ""}</Typography.Text>,
        children: (
          <div>
            {s.error != null && <><Typography.Text type="danger">{t("runs.error")}</Typography.Text>
              <div><Typography.Text type="danger">{typeof s.error === "string" ? s.error : tx(s.error)}</Typography.Text></div></>}
            <Typography.Text type="secondary">{t("runs.input")}</Typography.Text>{json(s.input ?? null)}
            <Typography.Text type="secondary">{t("runs.output")}</Typography.Text>{json(s.output ?? null)}
          </div>
        ),
      }))} />
  );
}
