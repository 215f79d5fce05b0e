/**
 * Builds the rating plugin's browser module, trellis_rating/static/rating.js, from frontend/
 * with the Trellis frontend's own Vite (../../frontend/node_modules): one ES module with React,
 * its JSX runtime and antd left to the host (frontend/plugins/trellis-host.mjs).
 * Run: node plugins/trellis_rating/build.mjs   (make plugins does it when a source changed)
 */
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const front = fileURLToPath(new URL("../../frontend/", import.meta.url));
const { build } = await import(pathToFileURL(`${front}node_modules/vite/dist/node/index.js`).href);
const { default: trellisHost } = await import(pathToFileURL(`${front}plugins/trellis-host.mjs`).href);

await build({
  root: here,
  configFile: false,
  logLevel: "warn",
  plugins: [trellisHost()],
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: `${here}trellis_rating/static`,
    emptyOutDir: false,
    minify: true,
    lib: { entry: `${here}frontend/index.ts`, formats: ["es"], fileName: () => "rating.js" },
  },
});
