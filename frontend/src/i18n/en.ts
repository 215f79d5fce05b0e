/** UI strings in English (same keys as zh.ts). */
import type { Strings } from "./zh";

const en: Strings = {
  app: { name: "Trellis", tagline: "Low-code business platform" },
  common: {
    ok: "OK", cancel: "Cancel", save: "Save", delete: "Delete", edit: "Edit", create: "New", close: "Close",
    reload: "Reload", loading: "Loading…", yes: "Yes", no: "No", none: "None", search: "Search", back: "Back",
    confirmDelete: "Delete this record?", deleted: "Deleted", saved: "Saved", more: "More", apply: "Apply",
    clear: "Clear", actions: "Actions", unknown: "Unknown", retry: "Retry", notFound: "Page not found", home: "Go home",
    forbidden: "You may not open this page", select: "Select", empty: "No data", download: "Download",
    newVersion: "Trellis was updated: reload the page", pageError: "Something went wrong on this page",
  },
  login: {
    title: "Sign in", username: "Username", password: "Password", submit: "Sign in", required: "Enter your {{what}}",
    failed: "Sign-in failed", badCredentials: "Wrong username or password, or the account is inactive", welcome: "Welcome to Trellis",
  },
  header: { apps: "Apps", language: "Language", logout: "Sign out", admin: "Administrator", roles: "Roles" },
  menu: { forms: "Forms", views: "Views", shared: "Shared views", personal: "My views", design: "Design form", newForm: "New form" },
  grid: {
    search: "Search records", filter: "Filter", filterActive: "Filter ({{n}})", columns: "Columns",
    mode: { grid: "Table", kanban: "Kanban", calendar: "Calendar" },
    pages: "Pages", loadMore: "Load more", infinite: "Load more", noMore: "No more records",
    selected: "{{n}} selected", bulkEdit: "Bulk edit", bulkDelete: "Delete selected",
    bulkDeleteConfirm: "Delete the {{n}} selected records?", bulkField: "Field", bulkValue: "New value",
    bulkDone: "{{n}} records updated", bulkDeleted: "{{n}} records deleted",
    saveView: "Save view",
    viewName: "View name", viewShared: "Share with everyone", viewSaved: "View saved", viewDeleted: "View deleted",
    deleteView: "Delete view", deleteViewConfirm: "Delete the view “{{name}}”?", groupBy: "Group by",
    dateField: "Date field", noGroupField: "This form has no single-select field for a kanban",
    noDateField: "This form has no date field for a calendar", sortHint: "Click a header to sort; shift-click to sort by more",
    clearSort: "Clear sort", editCell: "Double-click to edit", staleTitle: "Changed by someone else",
    staleBody: "Someone else changed this record while you were editing it. Reload it and try again.",
    reloadRecord: "Reload record", filterTitle: "Filter", clearFilter: "Clear filter", showColumns: "Columns shown",
    resetColumns: "Reset", moved: "Moved to “{{to}}”", cardLimit: "Showing the first {{n}}", more: "{{n}} more",
    dayRecords: "{{n}}", viewUpdated: "View updated", updateView: "Update view", saveAsNew: "Save as new view",
    resetView: "Reset to the view",
    recycleBin: "Recycle bin", recycleBinHint: "Deleted records: restore any of them.", backToRecords: "Back to the records",
    restore: "Restore", restored: "Restored “{{name}}”", deletedAt: "Deleted at", binEmpty: "The recycle bin is empty",
  },
  record: {
    new: "New {{form}}", edit: "Edit {{form}}", created: "Created", updated: "Saved", details: "Details",
    history: "History", related: "Related", noHistory: "No changes recorded", fixErrors: "Fix the marked fields and save again",
    created_at: "Created", updated_at: "Updated", created_by: "Created by", updated_by: "Updated by", version: "Version",
    other: "Other", openFull: "Open record page", action: { create: "created", update: "changed", delete: "deleted", restore: "restored" },
    by: "{{user}} {{action}} it on {{at}}", emptyValue: "(empty)", system: "system", addRow: "Add a row",
    removeRow: "Remove row", upload: "Upload", uploading: "Uploading…", uploadFailed: "Upload failed",
    jsonInvalid: "Not valid JSON", searchUser: "Search people", searchRecord: "Search records", auto: "Filled in on save",
    notFound: "The record does not exist or you may not see it", conflict: "Changed by someone else; reload and retry",
    revert: "Revert this change", revertTitle: "Revert this change?", revertBody: "These fields get their earlier values back:",
    reverted: "Change reverted",
  },
  validation: {
    required: "is required", maxLength: "at most {{limit}} characters", minLength: "at least {{limit}} characters",
    maximum: "must be at most {{limit}}", minimum: "must be at least {{limit}}", pattern: "has the wrong format",
    enum: "is not one of the options", type: "has the wrong type", maxItems: "at most {{limit}} items",
    minItems: "at least {{limit}} items", format: "has the wrong format",
    rows: "Fix the cells marked in red (rows: {{rows}})", rowSep: ", ",
  },
  imports: {
    button: "Import", history: "Import history", template: "Download template", downloading: "Downloading…",
    backgroundDone: "The import of “{{file}}” in the background has ended: {{status}}",
    export: "Export", exportXlsx: "Export Excel", exportCsv: "Export CSV", exporting: "Exporting…", exported: "Exported",
  },
  designer: { loading: "Loading the form designer…" },
};

export default en;
