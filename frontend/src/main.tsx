import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import "./i18n";
import "./styles.css";
import App from "./App";
import Providers from "./shell/Providers";
import { prefetchFor } from "./prefetch";
import { tokens } from "./api/client";
import { startPlugins } from "./plugins/start";

prefetchFor(window.location.pathname, window.location.search);
if (tokens.access()) void startPlugins(); // beside the bootstrap; pages wait for it (plugins/PluginGate.tsx)

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <Providers>
        <App />
      </Providers>
    </BrowserRouter>
  </StrictMode>,
);
