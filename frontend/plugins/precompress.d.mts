/** Types of precompress.mjs (the build plugin writing .br and .gz copies of text assets). */
import type { Plugin } from "vite";

export default function precompress(): Plugin;
