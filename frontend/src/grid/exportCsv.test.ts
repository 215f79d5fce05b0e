import { describe, expect, it } from "vitest";
import { csvCell } from "./exportCsv";

describe("csv cells", () => {
  it("quotes and neutralises formulas", () => {
    expect(csvCell("张三")).toBe("张三");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("-x")).toBe("'-x");
  });
});
