/**
 * What the web UI lends to plugins: `window.Trellis` = {React, jsxRuntime, antd, register,
 * version}. A plugin's ES module (served at /plugins/<name>/<file>.js, listed by
 * `GET /api/v1/plugins`) is built with react, react/jsx-runtime and antd as externals that
 * read this object (frontend/plugins/trellis-host.mjs), so it renders with the host's one
 * React and antd, and calls `register()` to add widgets, cells and designer editors under the
 * server's type names. The antd parts lent are the ones listed in shared.json (a plugin
 * needing another one adds it there and here). No CDN: everything comes from this server.
 */
import * as React from "react";
import * as jsxRuntime from "react/jsx-runtime";
import { Button, Checkbox, Input, InputNumber, Popover, Radio, Rate, Select, Slider, Space, Switch, Tag, Tooltip,
  Typography } from "antd";
import { request } from "../api/client";
import { register } from "../registries/register";

export const antd = { Button, Checkbox, Input, InputNumber, Popover, Radio, Rate, Select, Slider, Space, Switch, Tag,
  Tooltip, Typography };

export interface PluginInfo {
  name: string;
  version: string;
  status: "active" | "disabled";
  core: boolean;
  frontend: string[];
  error?: string | null;
}

export interface TrellisHost {
  React: typeof React;
  jsxRuntime: typeof jsxRuntime;
  antd: typeof antd;
  register: typeof register;
  version: 1;
}

declare global {
  interface Window {
    Trellis?: TrellisHost;
  }
}

/** Put the host's parts on `window.Trellis` (once). */
export function exposeHost(): TrellisHost {
  if (!window.Trellis) window.Trellis = { React, jsxRuntime, antd, register, version: 1 };
  return window.Trellis;
}

let loading: Promise<string[]> | null = null;

/** Import the browser modules of every active plugin (once per page load); resolves with the
 * URLs that loaded. A module that fails is reported in the console and left out. */
export function loadPlugins(list?: Promise<{ items: PluginInfo[] }>): Promise<string[]> {
  if (loading) return loading;
  exposeHost();
  const started = list ?? request<{ items: PluginInfo[] }>("GET", "/plugins");
  loading = started.then(async ({ items }) => {
    const urls = items.filter((p) => p.status === "active").flatMap((p) => p.frontend);
    const done = await Promise.all(urls.map((url) => import(/* @vite-ignore */ url).then(() => url, (err: unknown) => {
      console.warn(`plugin module ${url} did not load`, err);
      return null;
    })));
    return done.filter((u): u is string => u !== null);
  }, (err: unknown) => {
    loading = null; // signed out or offline: ask again on the next sign-in
    console.warn("the plugin list could not be read", err);
    return [];
  });
  return loading;
}
