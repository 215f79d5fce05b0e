/** The host lends plugins exactly what the plugin build's externals export (shared.json), and
 * every name listed exists in the host's React, JSX runtime and antd. */
import * as React from "react";
import * as jsxRuntime from "react/jsx-runtime";
import { describe, expect, it } from "vitest";
import { antd } from "./host";
import shared from "./shared.json";

describe("plugin host", () => {
  it("lends the antd parts shared.json lists, no more, no less", () => {
    expect(Object.keys(antd).sort()).toEqual([...shared.antd].sort());
    for (const name of shared.antd) expect(antd[name as keyof typeof antd], name).toBeTruthy();
  });

  it("lends React and the JSX runtime with every name the externals read", () => {
    for (const name of shared.react) expect(React[name as keyof typeof React], name).toBeDefined();
    for (const name of shared.jsxRuntime) expect(jsxRuntime[name as keyof typeof jsxRuntime], name).toBeDefined();
  });
});
