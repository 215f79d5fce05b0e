/** Texts of the import wizard and history in English (namespace "imports", loaded with the wizard). */
import type { ImportStrings } from "./zh";

const en: ImportStrings = {
  title: "Import {{form}}",
  steps: { upload: "Upload", mapping: "Map columns", options: "Options", progress: "Import", summary: "Summary" },
  drop: "Click or drag a file here", dropHint: "Excel (.xlsx, .xls) or CSV files",
  inspecting: "Reading the file…", changeFile: "Choose another file", sheet: "Sheet", sheetRows: "{{name}} ({{rows}} rows)",
  headerRow: "Header row", rowN: "Row {{n}}", columnN: "Column {{n}}", total: "{{n}} data rows",
  preview: "First {{n}} rows", noTemplate: "No spreadsheet yet? Start from the", next: "Next", prev: "Back",
  column: "Column", samples: "Sample values", field: "Import into field", matched: "Matched by",
  by: { id: "Field ID", label: "Label", saved: "Saved" }, skip: "Skip", required: "required",
  applySaved: "Apply a saved mapping", saveMapping: "Save mapping", mappingName: "Mapping name",
  mappingSaved: "Mapping “{{name}}” saved", mappingApplied: "Applied “{{name}}”: {{n}} columns matched",
  duplicate: "“{{field}}” is chosen for more than one column: {{columns}}", duplicateRow: "Another column imports into this field",
  requiredMissing: "These required fields have no column: {{fields}}", requiredHint: "New records would lack them (fine for update only)",
  nothingMapped: "Choose a field for at least one column", mappedCount: "{{n}} of {{total}} columns mapped",
  mode: "Mode", modes: { insert: "Insert", upsert: "Insert or update", update: "Update only" },
  modeHelp: {
    insert: "Every row becomes a new record", upsert: "Rows matching a record by the key fields update it, the others are added",
    update: "Rows matching a record by the key fields update it, the others are not imported",
  },
  keys: "Key fields", keysHelp: "Existing records are found by these fields (mapped fields only)", keysMissing: "Choose the key fields",
  onError: "On errors", onErrors: { all: "All or nothing", skip: "Import the valid rows" },
  onErrorHelp: { all: "If any row is invalid, nothing is written", skip: "Invalid rows are skipped and listed in a workbook to download" },
  plan: "{{rows}} rows and {{cols}} columns from sheet “{{sheet}}”", dryRun: "Dry run", start: "Import",
  dryRunHelp: "A dry run checks every row and writes nothing", running: "Importing…", dryRunning: "Dry run…", queued: "Queued…",
  progress: "{{done}} / {{total}} rows", rate: "{{n}} rows/s", eta: "About {{t}} left", cancel: "Cancel import",
  cancelConfirm: "Cancel this import?", background: "Run in background",
  backgroundHint: "The import goes on in the background; follow it in the import history",
  result: { done: "Import finished", dryDone: "Dry run finished", failed: "Import failed", cancelled: "Import cancelled", rolled_back: "Import rolled back", dryCancelled: "Dry run cancelled", dryFailed: "Dry run failed" },
  inserted: "Inserted", updated: "Updated", skipped: "Skipped", failed: "Failed", wouldInsert: "Would insert", wouldUpdate: "Would update",
  downloadErrors: "Download the errors", looksGood: "Looks good → run for real", dryNote: "This was a dry run: nothing was written",
  allOrNothing: "{{n}} rows have errors: with “All or nothing” the real run writes nothing. Fix the file first, or go back and choose “Import the valid rows”.",
  another: "Import another file", dryTag: "Dry run",
  status: { queued: "Queued", running: "Running", done: "Done", failed: "Failed", cancelled: "Cancelled", rolled_back: "Rolled back" },
  historyEmpty: "No imports yet", file: "File", when: "When", user: "By", resultCol: "Result", statusCol: "Status",
  forceTitle: "Records were changed after the import", forceRollback: "Roll back anyway",
  rollback: "Roll back", rolledBack: "The import was rolled back",
  rollbackConfirm: "Roll back this import? The {{inserted}} records it added are deleted and the {{updated}} it changed get their previous values back.",
  counts: "{{inserted}} inserted · {{updated}} updated · {{skipped}} skipped · {{failed}} failed",
};

export default en;
