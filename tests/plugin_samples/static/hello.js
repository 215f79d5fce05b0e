// The sample plugin's browser module (served by the plugin tests; never run).
window.Trellis.register({ cells: { sample_legacy_text: () => null } });
