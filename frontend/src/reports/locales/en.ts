/** Reports and dashboards texts (namespace "reports", loaded with the pages). */
import type zh from "./zh";

const en: typeof zh = {
  title: "Reports & dashboards",
  dashboards: "Dashboards",
  reports: "Reports",
  noDashboards: "No dashboards yet",
  noReports: "No reports you can view yet",
  tiles: "{{n}} charts",
  version: "version {{v}}",
  charts: {
    bar: "Bar", line: "Line", area: "Area", pie: "Pie", heatmap: "Heatmap", scatter: "Scatter",
    funnel: "Funnel", table: "Table", pivot: "Pivot table", kpi: "KPI",
  },
  back: "Back to reports",
  retry: "Retry",
  footer: {
    fresh: { s: "Updated {{n}} s ago", min: "Updated {{n}} min ago", h: "Updated {{n}} h ago", d: "Updated {{n}} d ago" },
    took: "query {{t}}",
    truncated: "Too many figures: only part of them is shown",
  },
  pivot: { subtotal: "Subtotal", total: "Total" },
  kpi: { previous: "previous {{v}}", noPrevious: "no previous period" },
  empty: "No data",
  download: { menu: "Download", png: "Image (PNG)", svg: "Vector image (SVG)", xlsx: "Data (Excel)", failed: "Download failed: {{msg}}" },
  drill: { hint: "Click the chart to see its records", failed: "Cannot open the records: {{msg}}" },
  tile: { unfiltered: "The filter “{{filters}}” does not apply to this chart", sep: ", ", failed: "“{{report}}” could not be loaded", forbidden: "Not available to you", forbiddenHint: "You may not view this report" },
  toolbar: {
    refresh: "Refresh", autoRefresh: "Refresh every {{n}} s", fullscreen: "Full screen", exitFullscreen: "Exit full screen",
    editLayout: "Edit layout", save: "Save", cancel: "Cancel", saved: "Layout saved (version {{v}})", editHint: "Drag a chart by its title to move it, by its corner to resize it",
    unsaved: "The layout has unsaved changes",
  },
  filters: { all: "All", searchUser: "Search users", clear: "Clear filters" },
  presets: { this_month: "This month", last_month: "Last month", this_quarter: "This quarter", this_year: "This year", last_30_days: "Last 30 days" },
  widgets: {
    types: { shortcuts: "Shortcuts", tasks: "My tasks", messages: "Latest messages", recent: "Recent records", dashboards: "Pinned dashboards" },
    hints: {
      shortcuts: "Links to forms, new records, reports and dashboards", tasks: "Flow tasks waiting for me, due and overdue marked",
      messages: "The newest messages of the message center, unread in bold", recent: "Records I created or changed lately",
      dashboards: "The dashboards I look at most",
    },
    kinds: {
      new: "New record", form: "Form", report: "Report", dashboard: "Dashboard", reports: "Reports & dashboards", inbox: "My tasks", messages: "Messages",
    },
    newRecord: "New {{form}}",
    saved: "Saved",
    more: "See all",
    empty: { shortcuts: "No shortcut available", tasks: "No open task: well done", messages: "No messages yet", recent: "No record created or changed lately", dashboards: "No dashboard" },
    unread: "{{n}} unread",
    pending: "{{n}} open",
    actions: { create: "created", update: "changed", restore: "restored" },
    add: "Add widget",
    remove: "Remove",
    removeConfirm: "Remove \u201c{{title}}\u201d from the page?",
    notSaved: "Shown once the layout is saved",
    editor: {
      title: "Add a widget", type: "Type", settings: "Settings", limit: "Items shown", unreadOnly: "Unread only", scope: "Scope",
      scopeApp: "This app", scopeAll: "All apps", items: "Links", kind: "Kind", target: "Target", label: "Name (optional)",
      addItem: "Add a link", pickDashboards: "Pick dashboards", ok: "Add", cancel: "Cancel",
    },
    problems: {
      type: "Pick a widget type", noShortcut: "Add at least one link", noTarget: "Pick a target for each link",
      noDashboard: "Pick at least one dashboard", limit: "Items shown is out of range",
    },
  },
};

export default en;
