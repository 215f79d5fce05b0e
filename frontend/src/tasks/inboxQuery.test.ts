import { describe, expect, it } from "vitest";
import { readState, toQuery, writeState } from "./inboxQuery";

describe("inbox state in the address", () => {
  it("reads defaults and ignores bad values", () => {
    expect(readState(new URLSearchParams("tab=nope&page=-2"))).toEqual({ tab: "pending", overdue: false, page: 1,
      app: undefined, form: undefined, q: undefined });
  });

  it("round-trips", () => {
    const s = readState(new URLSearchParams("tab=cc&app=crm&form=client&q=%E5%BC%A0&overdue=1&page=3"));
    expect(writeState(s).toString()).toBe("tab=cc&app=crm&form=client&q=%E5%BC%A0&overdue=1&page=3");
    expect(toQuery(s)).toMatchObject({ state: "cc", app: "crm", form: "client", q: "张", overdue: true, limit: 20, offset: 40 });
  });
});
