/** The personal settings matrix and quiet hours, to the API's body. */
import { describe, expect, it } from "vitest";
import { isOn, quietBody, settingsBody, toggle } from "./settings";

describe("notification settings", () => {
  const order = ["inapp", "email", "sms"];
  it("switches a channel on and off for an event, keeping the channels' order", () => {
    let events: Record<string, string[]> = { deposit_big: ["sms"] };
    events = toggle(events, "deposit_big", "inapp", true, order);
    expect(events.deposit_big).toEqual(["inapp", "sms"]);
    expect(isOn(events, "deposit_big", "inapp")).toBe(true);
    events = toggle(events, "deposit_big", "sms", false, order);
    expect(events.deposit_big).toEqual(["inapp"]);
    expect(isOn(events, "other", "inapp")).toBe(false);
  });

  it("quiet hours: off is null, on needs both times", () => {
    expect(quietBody(false, "21:00", "08:00")).toEqual({ value: null });
    expect(quietBody(true, "21:00", "08:00")).toEqual({ value: { start: "21:00", end: "08:00" } });
    expect(quietBody(true, "21:00", null).error).toBe("settings.quietMissing");
    expect(quietBody(true, "25:00", "08:00").error).toBe("settings.quietMissing");
  });

  it("the PUT carries only events with a choice (none: the app's routing decides)", () => {
    const body = settingsBody({ a: ["inapp"], b: [] }, null);
    expect(body).toEqual({ events: { a: ["inapp"] }, quiet_hours: null });
  });
});
