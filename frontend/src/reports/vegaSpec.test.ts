/** The spec fitted to its box, the sparkline, a clicked datum's stored values. */
import { describe, expect, it } from "vitest";
import { atOfDatum, discreteX, fitSpec, sparklineSpec } from "./vegaSpec";
import type { ReportColumn } from "./types";

const BAR = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json", title: "每月工单", width: "container",
  data: { values: [{ month: "2026-03", n: 3 }] }, mark: "bar",
  encoding: { x: { field: "month", type: "ordinal" }, y: { field: "n", type: "quantitative", axis: { formatType: "trellisNumber" } } },
};

describe("fitSpec", () => {
  it("fits the container, switches the format type on and leaves the original alone", () => {
    const fitted = fitSpec(BAR, { fillHeight: true, untitled: true });
    expect(fitted.width).toBe("container");
    expect(fitted.height).toBe("container");
    expect(fitted.title).toBeUndefined();
    expect((fitted.config as Record<string, unknown>).customFormatTypes).toBe(true);
    expect(BAR.title).toBe("每月工单");
    expect(fitSpec(BAR).height).toBeUndefined();
  });

  it("renders a spec without the format type as it is", () => {
    const plain = fitSpec({ mark: "arc", data: { values: [] }, config: { customFormatTypes: false } });
    expect((plain.config as Record<string, unknown>).customFormatTypes).toBe(false);
    const composed = fitSpec({ hconcat: [] });
    expect(composed.width).toBeUndefined();
  });

  it("slants a few names along a discrete x axis, not many", () => {
    const few = fitSpec(BAR).config as Record<string, { labelAngle?: number }>;
    expect(few.axisXDiscrete.labelAngle).toBe(-30);
    const months = Array.from({ length: 24 }, (_, i) => ({ month: `m${i}`, n: i }));
    const many = fitSpec({ ...BAR, data: { values: months } }).config as Record<string, unknown>;
    expect(many.axisXDiscrete).toBeUndefined();
    expect(discreteX({ mark: "arc", encoding: { theta: { field: "n" } } })).toBeNull();
    expect(discreteX({ layer: [{ encoding: { x: { field: "s", type: "nominal" } } }], data: { values: [{ s: 1 }, { s: 2 }] } })).toBe(2);
  });

  it("draws a sparkline without axes", () => {
    const s = sparklineSpec([{ x: "2026-01", y: 1 }, { x: "2026-02", y: 3 }]);
    expect((s.data as { values: unknown[] }).values).toHaveLength(2);
    expect((s.encoding as Record<string, { axis: unknown }>).x.axis).toBeNull();
  });
});

describe("atOfDatum", () => {
  const columns: ReportColumn[] = [
    { id: "month", kind: "dimension", bucket: "month" },
    { id: "status", kind: "dimension", labels: { open: { zh: "处理中", en: "Open" } } },
    { id: "n", kind: "measure" },
  ];
  it("maps shown labels back to stored values", () => {
    expect(atOfDatum({ month: "2026-03", status: "处理中", n: 3 }, columns)).toEqual({ month: "2026-03", status: "open" });
    expect(atOfDatum({ status: "其他", n: 3 }, columns)).toEqual({ status: "__other__" });
  });
  it("prefers the raw value the server put beside the shown one", () => {
    expect(atOfDatum({ status: "Open", status__raw: "open-2", month: "2026-03" }, columns)).toEqual({ month: "2026-03", status: "open-2" });
  });
  it("turns a parsed date back into its period", () => {
    expect(atOfDatum({ month: new Date(Date.UTC(2026, 2, 1)) }, columns)).toEqual({ month: "2026-03" });
  });
  it("gives nothing for marks without dimensions", () => {
    expect(atOfDatum({ value: 3 }, columns)).toBeNull();
    expect(atOfDatum(undefined, columns)).toBeNull();
    expect(atOfDatum({ n: 1 }, [{ id: "n", kind: "measure" }])).toEqual({});
  });
});
