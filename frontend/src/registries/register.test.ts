/** Run-time registration (what a plugin's browser module calls): strict about names taken. */
import { describe, expect, it } from "vitest";
import { cellFor, widgetFor } from "./index";
import { designerEditors, pluggedTypes, register } from "./register";

const Widget = () => null;
const Cell = () => null;
const Editor = () => null;

describe("register", () => {
  it("adds widgets, cells and editors under the server's type names", () => {
    register({ widgets: { test_stars: Widget }, cells: { test_stars: Cell }, editors: { test_stars: Editor } });
    expect(widgetFor("test_stars")).toBe(Widget);
    expect(cellFor("test_stars")).toBe(Cell);
    expect(designerEditors.test_stars).toBe(Editor);
    expect(pluggedTypes.has("test_stars")).toBe(true);
  });

  it("refuses a name already taken and registers nothing of that call", () => {
    expect(() => register({ cells: { test_other: Cell }, widgets: { integer: Widget } })).toThrow(/widget "integer"/);
    expect(widgetFor("integer")).not.toBe(Widget);
    expect(cellFor("test_other")).not.toBe(Cell);
    expect(pluggedTypes.has("test_other")).toBe(false);
  });
});
