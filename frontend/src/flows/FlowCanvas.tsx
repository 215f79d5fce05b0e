/** The canvas viewport: the start card, the body, the end; zoom with the buttons or
 * Ctrl + wheel, pan by scrolling or by dragging the background. */
import { MinusOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from "react";
import { CanvasContext, type CanvasApi } from "./canvasContext";
import { useFlowText } from "./i18n";
import StartCard from "./StartCard";
import StepList from "./StepList";

const ZOOMS = [0.4, 0.5, 0.6, 0.75, 0.9, 1, 1.1, 1.25, 1.5];

export default function FlowCanvas({ api, className }: { api: CanvasApi; className?: string }) {
  const { t } = useFlowText();
  const [zoom, setZoom] = useState(1);
  const [dragging, setDragging] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const step = (dir: number) => setZoom((z) => {
    const i = ZOOMS.findIndex((v) => v >= z - 1e-6);
    return ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i < 0 ? 5 : i) + dir))];
  });

  useEffect(() => { // ctrl + wheel zooms the canvas, not the page (a passive listener cannot prevent it)
    const el = box.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      step(e.deltaY < 0 ? 1 : -1);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  const onMouseDown = (e: ReactMouseEvent) => { // drag the background to pan
    const el = box.current;
    const target = e.target as HTMLElement;
    if (!el || e.button !== 0 || target.closest(".tfl-node, .tfl-branch-head, button, .tfl-zoom")) return;
    const start = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    setDragging(true);
    const move = (ev: MouseEvent) => {
      el.scrollLeft = start.left - (ev.clientX - start.x);
      el.scrollTop = start.top - (ev.clientY - start.y);
    };
    const up = () => {
      setDragging(false);
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  };

  return (
    <CanvasContext.Provider value={{ ...api, StepList }}>
      <div ref={box} className={`tfl-viewport${dragging ? " tfl-dragging" : ""} ${className ?? ""}`} onMouseDown={onMouseDown}
        data-testid="flow-canvas">
        <div className="tfl-zoom">
          <Tooltip title={t("editor.zoomOut")}>
            <Button size="small" type="text" icon={<MinusOutlined />} onClick={() => step(-1)} aria-label={t("editor.zoomOut")} />
          </Tooltip>
          <span className="tfl-zoom-pct" data-testid="flow-zoom">{Math.round(zoom * 100)}%</span>
          <Tooltip title={t("editor.zoomIn")}>
            <Button size="small" type="text" icon={<PlusOutlined />} onClick={() => step(1)} aria-label={t("editor.zoomIn")} />
          </Tooltip>
          <Tooltip title={t("editor.zoomReset")}>
            <Button size="small" type="text" icon={<UndoOutlined />} onClick={() => setZoom(1)} aria-label={t("editor.zoomReset")} />
          </Tooltip>
        </div>
        <div className="tfl-canvas" style={{ zoom }}>
          <StartCard />
          <StepList list="/steps" steps={api.flow.steps ?? []} />
          <div className="tfl-end">{t("canvas.end")}</div>
        </div>
      </div>
    </CanvasContext.Provider>
  );
}
