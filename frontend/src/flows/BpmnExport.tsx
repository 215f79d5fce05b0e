/**
 * The flow editor's BPMN actions: "导出 BPMN" downloads the flow being edited (the draft
 * as it stands, saved or not) as BPMN 2.0 XML from `POST /apps/<app>/flows/bpmn`, and
 * "BPMN 预览" shows the same XML drawn by bpmn-js in a drawer (bpmnViewer.ts, loaded only
 * when the drawer opens).
 */
import { ApartmentOutlined, DownloadOutlined, ExpandOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Drawer, Space, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { errorText, request } from "../api/client";
import { useLang } from "../i18n/text";
import { saveBlob } from "../imports/download";
import { useFlowText } from "./i18n";
import type { Flow } from "./types";
import type { Drawn } from "./bpmnViewer";

interface Props {
  app: string;
  flowKey: string;
  flow: Flow;
}

/** The BPMN XML of a flow body (the server's export). */
async function bpmnOf(app: string, flow: Flow): Promise<string> {
  const res = await request<Response>("POST", `/apps/${encodeURIComponent(app)}/flows/bpmn`, { body: { body: flow }, raw: true });
  return res.text();
}

export default function BpmnExport({ app, flowKey, flow }: Props) {
  const { t } = useFlowText();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const xml = await bpmnOf(app, flow);
      const name = `${flowKey}.bpmn`;
      saveBlob(new Blob([xml], { type: "application/xml" }), name);
      message.success(t("bpmn.exported", { name }));
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} data-testid="flow-bpmn-export">
        {t("bpmn.export")}
      </Button>
      <Button icon={<ApartmentOutlined />} onClick={() => setOpen(true)} data-testid="flow-bpmn-preview">{t("bpmn.preview")}</Button>
      {open && <BpmnDrawer app={app} flow={flow} onClose={() => setOpen(false)} />}
    </>
  );
}

function BpmnDrawer({ app, flow, onClose }: { app: string; flow: Flow; onClose: () => void }) {
  const { t } = useFlowText();
  const { lang } = useLang();
  const box = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState("");
  const [warnings, setWarnings] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [xml, viewer] = await Promise.all([bpmnOf(app, flow), import("./bpmnViewer")]);
        if (!live || !box.current) return;
        const d = await viewer.draw(box.current, xml);
        if (!live) {
          d.destroy();
          return;
        }
        drawn.current = d;
        setWarnings(d.warnings);
        setState("ready");
      } catch (err) {
        if (!live) return;
        setError(errorText(err, lang));
        setState("error");
      }
    })();
    return () => {
      live = false;
      drawn.current?.destroy();
      drawn.current = null;
    };
  }, [app, flow, lang]);

  return (
    <Drawer open onClose={onClose} size={Math.min(1000, window.innerWidth)} title={t("bpmn.title")}
      styles={{ body: { padding: 0, display: "flex", flexDirection: "column" } }} data-testid="flow-bpmn-drawer"
      extra={<Button size="small" icon={<ExpandOutlined />} disabled={state !== "ready"} onClick={() => drawn.current?.fit()}>
        {t("bpmn.fit")}</Button>}>
      <Space orientation="vertical" size={4} style={{ padding: "8px 16px" }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("bpmn.hint")}</Typography.Text>
        {state === "error" && <Alert type="error" showIcon title={t("bpmn.failed", { error })} data-testid="flow-bpmn-error" />}
        {state === "ready" && warnings > 0 && <Alert type="warning" showIcon title={t("bpmn.warnings", { n: warnings })} />}
      </Space>
      {state === "loading" && <Spin style={{ margin: "40px auto" }} tip={t("bpmn.loading")}><div /></Spin>}
      <div ref={box} className="tfl-bpmn-canvas" data-testid="bpmn-canvas" data-state={state} data-warnings={warnings}
        style={{ flex: 1, minHeight: 320, background: "#fff" }} />
    </Drawer>
  );
}
