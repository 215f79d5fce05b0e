/** The start of the flow: its trigger (提交时发起审批: where the status goes, what it locks), its form, its entry (and a journey's exit) condition;
 * clicking it opens the trigger and options panel. */
import { ThunderboltOutlined } from "@ant-design/icons";
import { Tooltip } from "antd";
import { useLang } from "../i18n/text";
import { useCanvas } from "./canvasContext";
import { useFlowText } from "./i18n";
import { approvalWords } from "./humanSummary";
import { problemText, START } from "./problems";

export default function StartCard() {
  const c = useCanvas();
  const { t } = useFlowText();
  const { tx, lang } = useLang();
  const { flow } = c;
  const trigger = c.triggerTypes.get(flow.trigger?.type ?? "");
  const problems = c.problems.get(START) ?? [];
  const entry = c.describe(flow.condition);
  const exit = flow.kind === "journey" ? c.describe(flow.exit) : null;
  const status = approvalWords(flow.trigger, c.humanWords);
  const classes = ["tfl-node", "tfl-start", c.selected === START ? "tfl-node-selected" : "", problems.length ? "tfl-node-bad" : "",
    c.path ? "tfl-node-path" : ""];
  return (
    <div className={classes.filter(Boolean).join(" ")} onClick={() => c.onSelect(START)} data-testid="flow-start"
      role="button" tabIndex={0} onKeyDown={(e) => { if (e.key === "Enter") c.onSelect(START); }}>
      {problems.length > 0 && (
        <Tooltip title={<ul className="tfl-problems" style={{ color: "#fff" }}>{problems.map((p, i) => <li key={i}>{problemText(p, lang)}</li>)}</ul>}>
          <span className="tfl-badge" data-testid="flow-start-problems">{problems.length}</span>
        </Tooltip>
      )}
      <div className="tfl-node-head">
        <span className="tfl-node-icon"><ThunderboltOutlined /></span>
        <span>{t("canvas.start")}{c.formLabel ? ` · ${c.formLabel}` : ""}</span>
      </div>
      <div className="tfl-node-title">{trigger ? tx(trigger.label, trigger.key) : flow.trigger?.type || t("canvas.noTrigger")}</div>
      {status && <div className="tfl-node-sub" data-testid="flow-start-status">{status}</div>}
      {entry && <div className="tfl-node-sub" data-testid="flow-start-condition">{t("canvas.entry")} {entry}</div>}
      {exit && <div className="tfl-node-sub">{t("canvas.exit")} {exit}</div>}
    </div>
  );
}
