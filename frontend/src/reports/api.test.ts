/** The reports' REST calls against a mocked fetch: their addresses, query strings and bodies,
 * an error reply as the client's ApiError, and the grid address a drill-down opens. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import { drillPath, reportsApi } from "./api";

interface Call {
  url: string;
  method: string;
  body?: string;
}

let calls: Call[] = [];
let reply: () => Response = () => new Response("{}", { status: 200 });

beforeEach(() => {
  calls = [];
  const store = new Map<string, string>();
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? "GET", body: init.body as string | undefined });
    return reply();
  }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  reply = () => new Response("{}", { status: 200 });
});

const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

describe("reportsApi", () => {
  it("asks for a report's spec with its filters and language", async () => {
    reply = () => Response.json({ report: "r", chart: "bar", spec: null, data: {} });
    const got = await reportsApi.spec("crm", "tickets_by_month", "en", { "==": [{ var: "branch" }, "sh"] });
    expect(got.chart).toBe("bar");
    expect(calls[0].url.startsWith("/api/v1/apps/crm/reports/tickets_by_month/spec?")).toBe(true);
    expect(query(calls[0].url)).toEqual({ filters: '{"==":[{"var":"branch"},"sh"]}', lang: "en" });
    await reportsApi.spec("crm", "r", "zh");
    expect(query(calls[1].url)).toEqual({ lang: "zh" });
  });

  it("asks for a tile with the filter values and lays out the dashboard", async () => {
    await reportsApi.tile("crm", "service", "t1", { period: ["2026-03-01", "2026-03-31"] }, "zh");
    expect(calls[0].url.split("?")[0]).toBe("/api/v1/apps/crm/dashboards/service/tiles/t1");
    expect(JSON.parse(query(calls[0].url).values)).toEqual({ period: ["2026-03-01", "2026-03-31"] });
    await reportsApi.saveLayout("crm", "service", [{ id: "t1", x: 0, y: 0, w: 6, h: 4 }]);
    expect(calls[1]).toMatchObject({ url: "/api/v1/apps/crm/dashboards/service/layout", method: "PUT" });
    expect(JSON.parse(calls[1].body!)).toEqual({ tiles: [{ id: "t1", x: 0, y: 0, w: 6, h: 4 }] });
  });

  it("drills down with the clicked values, the filters left out when there are none", async () => {
    reply = () => Response.json({ form: "ticket", filter: { "==": [{ var: "status" }, "open"] } });
    const target = await reportsApi.drill("crm", "r", { status: "open" });
    expect(query(calls[0].url)).toEqual({ at: '{"status":"open"}' });
    expect(drillPath("crm", target)).toBe(`/apps/crm/forms/ticket?filter=${encodeURIComponent('{"==":[{"var":"status"},"open"]}')}`);
    expect(drillPath("crm", { form: "ticket", filter: null })).toBe("/apps/crm/forms/ticket");
  });

  it("turns an error reply into an ApiError with both languages", async () => {
    reply = () => Response.json({ code: "conflict", message: { zh: "版本已变", en: "version changed" } }, { status: 409 });
    const err = await reportsApi.saveLayout("crm", "d", []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).messages.zh).toBe("版本已变");
  });
});
