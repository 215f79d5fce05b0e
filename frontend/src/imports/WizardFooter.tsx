/** The import wizard's buttons for the step it is on. */
import { Button, Space } from "antd";
import type { ImportBatch } from "../api/types";
import { useImportText } from "./i18n";

export interface FooterProps {
  step: number;
  canNext: boolean;
  canStart: boolean;
  busy: string | null;
  batch: ImportBatch | null;
  onClose: () => void;
  onStep: (step: number) => void;
  /** start a run; `skipInvalid` switches "all or nothing" to importing the valid rows first */
  onStart: (dryRun: boolean, skipInvalid?: boolean) => void;
  onCancelBatch: () => void;
  onAnother: () => void;
}

export default function WizardFooter({ step, canNext, canStart, busy, batch, onClose, onStep, onStart, onCancelBatch, onAnother }: FooterProps) {
  const { t } = useImportText();
  const back = <Button onClick={() => onStep(step - 1)} data-testid="wizard-back">{t("prev")}</Button>;
  const next = (
    <Button type="primary" disabled={!canNext} onClick={() => onStep(step + 1)} data-testid="wizard-next">{t("next")}</Button>
  );
  let buttons;
  if (step === 0) buttons = <><Button onClick={onClose}>{t("common.cancel")}</Button>{next}</>;
  else if (step === 1) buttons = <>{back}{next}</>;
  else if (step === 2) {
    buttons = (
      <>
        {back}
        <Button disabled={!canStart || busy !== null} loading={busy === "dry"} onClick={() => onStart(true)} data-testid="import-dry-run">
          {t("dryRun")}
        </Button>
        <Button type="primary" disabled={!canStart || busy !== null} loading={busy === "real"} onClick={() => onStart(false)} data-testid="import-start">
          {t("start")}
        </Button>
      </>
    );
  } else if (step === 3) {
    buttons = (
      <>
        <Button onClick={onClose} data-testid="import-background">{t("background")}</Button>
        {batch?.can_cancel && (
          <Button danger loading={busy === "cancel"} onClick={onCancelBatch} data-testid="import-cancel">{t("cancel")}</Button>
        )}
      </>
    );
  } else if (batch?.dry_run && batch.status === "done" && batch.failed > 0) {
    // a dry run found bad rows: fix the file, or import the valid ones (never "looks good")
    const valid = batch.inserted + batch.updated;
    buttons = (
      <>
        <Button onClick={() => onStep(2)} data-testid="wizard-back">{t("prev")}</Button>
        <Button type={valid ? "default" : "primary"} onClick={onAnother} data-testid="import-fix-file">{t("fixFile")}</Button>
        {valid > 0 && (
          <Button type="primary" loading={busy === "real"} disabled={busy !== null} onClick={() => onStart(false, true)}
            data-testid="import-valid-rows">
            {t("importValid", { valid, failed: batch.failed })}
          </Button>
        )}
      </>
    );
  } else if (batch?.dry_run && batch.status === "done") {
    buttons = (
      <>
        <Button onClick={() => onStep(2)} data-testid="wizard-back">{t("prev")}</Button>
        <Button type="primary" loading={busy === "real"} disabled={busy !== null} onClick={() => onStart(false)} data-testid="import-for-real">
          {t("looksGood")}
        </Button>
      </>
    );
  } else if (batch?.dry_run) {
    buttons = (
      <>
        <Button onClick={() => onStep(2)} data-testid="wizard-back">{t("prev")}</Button>
        <Button type="primary" onClick={onClose} data-testid="import-close">{t("common.close")}</Button>
      </>
    );
  } else {
    buttons = (
      <>
        <Button onClick={onAnother} data-testid="import-another">{t("another")}</Button>
        <Button type="primary" onClick={onClose} data-testid="import-close">{t("common.close")}</Button>
      </>
    );
  }
  return <Space wrap style={{ justifyContent: "flex-end" }}>{buttons}</Space>;
}
