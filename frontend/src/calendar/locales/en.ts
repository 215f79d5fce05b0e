/** Working calendar page texts (namespace "calendar", loaded with the page). */
import type zh from "./zh";

const en: typeof zh = {
  title: "Working calendar",
  subtitle: "Approval deadlines count the working days, trading days and working hours set here",
  prevYear: "Previous year", nextYear: "Next year", year: "Year",
  unknown: "chinese-calendar does not know {{year}}'s holidays yet: Monday to Friday count as working days. Set the public holidays and make-up working days day by day once they are announced.",
  summary: "{{working}} working days · {{trading}} trading days · {{overrides}} set by hand",
  hours: "Working hours {{hours}}",
  kinds: { working: "Working day", holiday: "Holiday", makeup: "Make-up working day", noTrading: "Working, no trading", weekend: "Weekend" },
  override: "Set by hand",
  marks: { holiday: "off", makeup: "work" },
  weekdays: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
  edit: {
    title: "{{weekday}}, {{day}}", working: "Working day", trading: "Trading day", note: "Note",
    notePlaceholder: "e.g. National Day, make-up working day, company event",
    tradingHint: "A day off is not a trading day", source: "Source",
    sources: { override: "set by hand", package: "chinese-calendar", weekday: "Monday to Friday" },
    holiday: "Holiday", default: "Default", dayOff: "Day off", noTrading: "no trading",
    save: "Save", reset: "Reset to default", cancel: "Cancel",
    saved: "{{day}} saved", resetDone: "{{day}} reset to default", readOnly: "Only system administrators change the working calendar",
  },
  weekdayNames: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  retry: "Retry",
};

export default en;
