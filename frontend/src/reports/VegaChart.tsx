/** A Vega-Lite spec drawn with vega-embed (SVG, no action menu, interpreted expressions: the
 * page's Content-Security-Policy allows no eval), fitted to its box and redrawn when the box
 * changes size (a dashboard tile being resized). Numbers on `trellisNumber` axes are formatted
 * in the UI language; a click on a mark hands its datum over; the view is handed to the
 * caller for downloads. */
import embed, { type Result } from "vega-embed";
import type { View } from "vega";
import { useEffect, useRef } from "react";
import type { Lang } from "../i18n";
import { vegaNumber } from "./format";
import { FORMAT_TYPE, fitSpec } from "./vegaSpec";

export interface VegaChartProps {
  spec: Record<string, unknown>;
  lang: Lang;
  /** fill the box's height (the box must have one) */
  fillHeight?: boolean;
  untitled?: boolean;
  /** a mark was clicked: its datum */
  onDatum?: (datum: unknown) => void;
  onView?: (view: View | null) => void;
  className?: string;
  testId?: string;
}

export default function VegaChart({ spec, lang, fillHeight, untitled, onDatum, onView, className, testId }: VegaChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const handlers = useRef({ onDatum, onView });
  handlers.current = { onDatum, onView };

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let live = true;
    let result: Result | null = null;
    const fitted = fitSpec(spec, { fillHeight, untitled });
    if (handlers.current.onDatum) {
      const config = (fitted.config ?? {}) as Record<string, unknown>;
      fitted.config = { ...config, mark: { cursor: "pointer", ...((config.mark as object | undefined) ?? {}) } };
    }
    embed(el, fitted as never, {
      actions: false,
      renderer: "svg",
      ast: true,
      expressionFunctions: { [FORMAT_TYPE]: vegaNumber(lang) },
      tooltip: { theme: "light" },
    }).then((r) => {
      if (!live) {
        r.finalize();
        return;
      }
      result = r;
      r.view.addEventListener("click", (_event, item) => {
        const datum = (item as { datum?: unknown } | null | undefined)?.datum;
        if (datum) handlers.current.onDatum?.(datum);
      });
      handlers.current.onView?.(r.view);
    }).catch((err: unknown) => {
      if (live) el.textContent = err instanceof Error ? err.message : String(err);
    });
    // the box resized (a tile dragged bigger, the side menu folded): draw again at its size
    let last = [el.clientWidth, el.clientHeight];
    const watch = new ResizeObserver(() => {
      const now = [el.clientWidth, el.clientHeight];
      if (!result || (now[0] === last[0] && now[1] === last[1]) || now[0] === 0) return;
      last = now;
      result.view.width(now[0]);
      if (fillHeight && now[1] > 0) result.view.height(now[1]);
      void result.view.runAsync();
    });
    watch.observe(el);
    return () => {
      live = false;
      watch.disconnect();
      handlers.current.onView?.(null);
      result?.finalize();
    };
  }, [spec, lang, fillHeight, untitled]);

  return <div ref={box} className={`trr-vega ${className ?? ""}`} data-testid={testId} />;
}
