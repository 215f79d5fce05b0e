/** The dashboard's tiles on react-grid-layout (12 columns, 60 px rows), draggable by their
 * title and resizable from their corner while the layout is being edited; on a narrow screen
 * (a phone) they stack in one full-width column in reading order instead. */
import ReactGridLayout, { useContainerWidth, type Layout } from "react-grid-layout";
import type { ReactNode } from "react";
import "react-grid-layout/css/styles.css";
import "react-resizable/css/styles.css";
import { COLS, MARGIN, ROW_HEIGHT, readingOrder, tileHeight } from "./layout";
import type { TileDef } from "./types";

/** Below this width the tiles stack. */
export const STACK_BELOW = 640;
const PHONE_MIN_HEIGHT = 220;

export interface DashboardGridProps {
  tiles: TileDef[];
  layout: Layout;
  editing: boolean;
  onLayoutChange: (layout: Layout) => void;
  renderTile: (tile: TileDef) => ReactNode;
}

export default function DashboardGrid({ tiles, layout, editing, onLayoutChange, renderTile }: DashboardGridProps) {
  const { width, containerRef, mounted } = useContainerWidth();
  const stacked = mounted && width < STACK_BELOW;
  const heights = new Map(layout.map((l) => [l.i, l.h]));
  return (
    <div ref={containerRef} className="trr-grid" data-testid="dashboard-grid" data-stacked={stacked ? "1" : "0"}>
      {!mounted ? null : stacked ? (
        <div className="trr-stack">
          {readingOrder(tiles).map((t) => (
            <div key={t.id} className="trr-stack-item" style={{ height: Math.max(PHONE_MIN_HEIGHT, tileHeight(heights.get(t.id) ?? t.h)) }}>
              {renderTile(t)}
            </div>
          ))}
        </div>
      ) : (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: COLS, rowHeight: ROW_HEIGHT, margin: [MARGIN, MARGIN], containerPadding: [0, 0] }}
          dragConfig={{ enabled: editing, handle: ".trr-drag" }}
          resizeConfig={{ enabled: editing }}
          onLayoutChange={onLayoutChange}
        >
          {tiles.map((t) => <div key={t.id} className="trr-grid-item">{renderTile(t)}</div>)}
        </ReactGridLayout>
      )}
    </div>
  );
}
