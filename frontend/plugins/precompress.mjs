/** A Vite build plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy next to every text
 * asset it emits (scripts, styles, the HTML page, SVG, JSON) once the bundle is on disk, so the
 * server sends the compressed bytes as they are, with no compression work per request. Files
 * under 1 kB, and copies that would not be smaller, are left out. Uses node's zlib only. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

/** @param {Buffer} data */
function brotli(data) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/** @returns {import("vite").Plugin} */
export default function precompress() {
  return {
    name: "trellis-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      const names = Object.keys(bundle).filter((name) => TEXT.test(name));
      await Promise.all(names.map(async (name) => {
        const path = join(dir, name);
        const data = await readFile(path);
        if (data.length < MIN_BYTES) return;
        const copies = [[".br", brotli(data)], [".gz", gzipSync(data, { level: 9 })]];
        await Promise.all(copies.filter(([, packed]) => packed.length < data.length)
          .map(([ext, packed]) => writeFile(path + ext, packed)));
      }));
    },
  };
}
