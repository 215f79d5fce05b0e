/**
 * Vite plugin for building a Trellis plugin's browser module: `react`, `react/jsx-runtime` and
 * `antd` become small modules that read the host's copies from `window.Trellis` (see
 * src/plugins/host.ts), so the plugin ships none of them and renders with the page's own React
 * and antd. The names each one exports are the ones the host lends (src/plugins/shared.json).
 * Use: `plugins: [trellisHost()]` in a library build with `formats: ["es"]`.
 */
import { readFileSync } from "node:fs";

const SHARED = JSON.parse(readFileSync(new URL("../src/plugins/shared.json", import.meta.url), "utf8"));
const MODULES = { react: ["React", SHARED.react, true], "react/jsx-runtime": ["jsxRuntime", SHARED.jsxRuntime, false],
  antd: ["antd", SHARED.antd, false] };
const PREFIX = "\0trellis-host:";

function source(id) {
  const [part, names, withDefault] = MODULES[id];
  const lines = [
    `const host = window.Trellis;`,
    `if (!host) throw new Error("window.Trellis is missing: this module is a Trellis plugin, loaded by the Trellis web UI");`,
    `const lent = host.${part};`,
    ...names.map((n) => `export const ${n} = lent.${n};`),
  ];
  if (withDefault) lines.push("export default lent;");
  return lines.join("\n");
}

export default function trellisHost() {
  return {
    name: "trellis-host",
    enforce: "pre",
    resolveId(id) {
      return id in MODULES ? PREFIX + id : null;
    },
    load(id) {
      return id.startsWith(PREFIX) ? source(id.slice(PREFIX.length)) : null;
    },
  };
}
