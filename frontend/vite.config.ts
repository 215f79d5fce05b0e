/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import precompress from "./plugins/precompress.mjs";

declare const process: { env: Record<string, string | undefined> };

/** The Trellis server the dev server proxies /api to. */
const backend = process.env.TRELLIS_BACKEND ?? "http://127.0.0.1:5000";

export default defineConfig({
  // .br and .gz copies of the text assets, sent as they are by the server (see trellis/front.py)
  plugins: [react(), precompress()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React, the router and i18n in one long-cached chunk; everything else is split by the
        // lazy imports (designer, query builder, rjsf, date picker load only where used).
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: backend, changeOrigin: true } },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // the field types' traits, as a session loads them before any page (api/fieldTypes.ts)
    setupFiles: ["src/registries/__fixtures__/loadFieldTypes.ts"],
  },
});
