/** The import wizard, in a Modal with antd Steps: upload → mapping → options → progress → summary.
 * It holds the session (the inspected upload, the mapping, the options, the batch) and talks to the
 * API; each step is its own component. A finished real import reloads the grid. */
import { App, Modal, Steps } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, errorText } from "../api/client";
import type { FieldError, FormDef, ImportBatch, ImportColumn, InspectReply, SavedMapping } from "../api/types";
import { useErrorReport } from "../hooks/useErrorReport";
import { useLang } from "../i18n/text";
import { allowedModes, canGetTemplate } from "./access";
import { downloadAs } from "./download";
import { isFinal } from "./format";
import { applySaved, checkMapping, defaultKeys, mappedKeys, splitErrors, toRequest, toSaved } from "./mapping";
import MappingStep from "./MappingStep";
import OptionsStep, { type ImportOptions } from "./OptionsStep";
import ProgressStep from "./ProgressStep";
import SummaryStep from "./SummaryStep";
import { useBatchPoll } from "./useBatchPoll";
import UploadStep from "./UploadStep";
import WizardFooter from "./WizardFooter";
import { useImportText } from "./i18n";

interface Props {
  app: string;
  def: FormDef;
  onClose: () => void;
  onImported: () => void;
  /** the wizard closes while a real import runs: the caller follows it */
  onBackground?: (batch: ImportBatch) => void;
}

const FULL_BAR_MS = 700;

type Busy = "inspect" | "dry" | "real" | "cancel" | "errors" | null;

export default function ImportWizard({ app, def, onClose, onImported, onBackground }: Props) {
  const { t } = useImportText();
  const { lang, tx } = useLang();
  const { message, modal } = App.useApp();
  const report = useErrorReport();
  const modes = allowedModes(def);
  const [open, setOpen] = useState(true);
  const [step, setStep] = useState(0);
  const [inspect, setInspect] = useState<InspectReply | null>(null);
  const [inspectError, setInspectError] = useState<unknown>(null);
  const [cols, setCols] = useState<ImportColumn[]>([]);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [options, setOptions] = useState<ImportOptions>({ mode: modes[0] ?? "insert", keys: [], onError: "all" });
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const reloadedFor = useRef<ImportBatch["id"] | null>(null);
  const formLabel = tx(def.label, def.id);
  const fieldLabels = useMemo(() => new Map(def.fields.map((f) => [f.id, tx(f.label, f.id)])), [def.fields, tx]);
  const defaulted = useMemo(() => new Set(def.fields.filter((f) => f.default != null).map((f) => f.id)), [def.fields]);

  const load = async (call: Promise<InspectReply>) => {
    setBusy("inspect");
    setInspectError(null);
    try {
      const reply = await call;
      setInspect(reply);
      setCols(reply.mapping);
      setSaved(reply.saved_mappings ?? []);
      setServerErrors([]);
      setOptions((o) => ({ ...o, keys: defaultKeys(reply.mapping, reply.fields) }));
    } catch (err) {
      setInspectError(err);
    } finally {
      setBusy(null);
    }
  };

  // a batch that ends while its progress bar shows: let the bar be seen full for a moment
  const stepRef = useRef(step);
  stepRef.current = step;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const finished = (b: ImportBatch) => {
    clearTimeout(timer.current);
    if (stepRef.current === 3) timer.current = setTimeout(() => setStep(4), FULL_BAR_MS);
    else setStep(4);
    if (!b.dry_run && b.inserted + b.updated > 0 && reloadedFor.current !== b.id) {
      reloadedFor.current = b.id;
      onImported();
    }
  };

  useBatchPoll(app, def.id, batch, (b) => { setBatch(b); if (isFinal(b.status)) finished(b); }, report);

  const start = async (dryRun: boolean, skipInvalid = false) => {
    if (!inspect) return;
    setBusy(dryRun ? "dry" : "real");
    setServerErrors([]);
    const onError = skipInvalid ? "skip" : options.onError;
    if (skipInvalid) setOptions((o) => ({ ...o, onError }));
    try {
      const b = await api.startImport(app, def.id, {
        upload: inspect.upload, sheet: inspect.sheet, header_row: inspect.header_row, mapping: toRequest(cols),
        mode: options.mode, keys: options.mode === "insert" ? [] : mappedKeys(options.keys, cols),
        dry_run: dryRun, on_error: onError, save_mapping: null,
      });
      setBatch(b);
      setStep(3);
      stepRef.current = 3;
      if (isFinal(b.status)) finished(b);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const errors = err.errors.length ? err.errors : [{ message: err.messages }];
        setServerErrors(errors);
        if (splitErrors(errors, cols).byColumn.size) setStep(1);
      } else {
        report(err);
      }
    } finally {
      setBusy(null);
    }
  };

  // a dry run writes nothing: cancel it at once; a real import asks first
  const cancelBatch = () => {
    if (!batch) return;
    const run = async () => {
      setBusy("cancel");
      try {
        const b = await api.cancelImport(app, def.id, batch.id);
        setBatch(b);
        if (isFinal(b.status)) finished(b);
      } catch (err) {
        message.error(errorText(err, lang));   // 409: it ended meanwhile; the poll shows how
      } finally {
        setBusy(null);
      }
    };
    if (batch.dry_run) void run();
    else modal.confirm({ title: t("cancelConfirm"), okType: "danger", okText: t("cancel"), cancelText: t("common.close"), onOk: run });
  };

  const download = async (what: "errors" | "template") => {
    const key = "import-download";
    message.loading({ key, content: t("imports.downloading"), duration: 0 });
    if (what === "errors") setBusy("errors");
    try {
      if (what === "errors" && batch?.errors_url) await downloadAs(api.fetchFile(batch.errors_url), `${formLabel}-errors.xlsx`);
      if (what === "template") await downloadAs(api.importTemplate(app, def.id, lang), `${formLabel}-${t("imports.template")}.xlsx`);
      message.destroy(key);
    } catch (err) {
      message.destroy(key);
      report(err);
    } finally {
      if (what === "errors") setBusy(null);
    }
  };

  const saveMapping = async (name: string): Promise<boolean> => {
    try {
      const m = await api.saveImportMapping(app, def.id, name, toSaved(cols));
      setSaved((old) => [...old.filter((s) => s.id !== m.id && s.name !== m.name), m]);
      message.success(t("mappingSaved", { name }));
      return true;
    } catch (err) {
      report(err);
      return false;
    }
  };

  const applyMapping = (m: SavedMapping) => {
    if (!inspect) return;
    const { cols: next, matched } = applySaved(cols, m, inspect.fields);
    setCols(next);
    setServerErrors([]);
    message.info(t("mappingApplied", { name: m.name, n: matched }));
  };

  const another = () => {
    clearTimeout(timer.current);
    setStep(0); setInspect(null); setCols([]); setBatch(null); setServerErrors([]); setInspectError(null);
  };

  const close = () => {
    if (step === 3) message.info(t("backgroundHint"));
    if (step === 3 && batch && !batch.dry_run && !isFinal(batch.status)) onBackground?.(batch);
    setOpen(false);
  };

  const issues = inspect ? checkMapping(cols, inspect.fields, defaulted) : null;
  const mappingOk = Boolean(issues && issues.mapped > 0 && issues.duplicates.size === 0);
  const canNext = step === 0 ? Boolean(inspect) && busy === null : mappingOk;
  const canStart = mappingOk && modes.includes(options.mode) && (options.mode === "insert" || mappedKeys(options.keys, cols).length > 0);
  const stepTitles = ["upload", "mapping", "options", "progress", "summary"].map((s) => ({ title: t(`steps.${s}`) }));
  const failedStep = step === 4 && batch?.status === "failed";

  return (
    <Modal open={open} title={t("title", { form: formLabel })} width={1000} onCancel={close} afterClose={onClose}
      mask={{ closable: false }} destroyOnHidden data-testid="import-wizard"
      footer={<WizardFooter step={step} canNext={canNext} canStart={canStart} busy={busy} batch={batch} onClose={close}
        onStep={(s) => { setStep(s); if (s < 3) setBatch(null); }} onStart={(d, skip) => void start(d, skip)} onCancelBatch={cancelBatch} onAnother={another} />}>
      <Steps size="small" current={step} status={failedStep ? "error" : undefined} items={stepTitles} style={{ margin: "8px 0 20px" }}
        data-testid="import-steps" />
      {step === 0 && (
        <UploadStep inspect={inspect} busy={busy === "inspect"} error={inspectError}
          onFile={(file) => void load(api.inspectImport(app, def.id, file))}
          onSheet={(sheet) => inspect && void load(api.inspectImport(app, def.id, inspect.upload, sheet))}
          onHeaderRow={(row) => inspect && void load(api.inspectImport(app, def.id, inspect.upload, inspect.sheet, row))}
          onTemplate={canGetTemplate(def) ? () => void download("template") : undefined} />
      )}
      {step === 1 && inspect && (
        <MappingStep inspect={inspect} cols={cols} saved={saved} serverErrors={serverErrors} defaulted={defaulted}
          onChange={(next) => { setCols(next); setServerErrors([]); }} onApplySaved={applyMapping} onSaveMapping={saveMapping} />
      )}
      {step === 2 && inspect && (
        <OptionsStep inspect={inspect} cols={cols} modes={modes} defaulted={defaulted} value={options} errors={splitErrors(serverErrors, cols).general}
          onChange={(patch) => setOptions((o) => ({ ...o, ...patch, keys: patch.mode && patch.mode !== "insert" && !o.keys.length ? defaultKeys(cols, inspect.fields) : patch.keys ?? o.keys }))} />
      )}
      {step === 3 && batch && <ProgressStep batch={batch} />}
      {step === 4 && batch && <SummaryStep batch={batch} labels={fieldLabels} downloading={busy === "errors"} onDownloadErrors={() => void download("errors")} />}
    </Modal>
  );
}
