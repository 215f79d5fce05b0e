/**
 * The public page of a form (`/p/:token`, no sign-in): the link's title and description, the
 * fields it shows drawn with the record form's widgets (labels above the inputs, one column, phone
 * first), a captcha picture with a new one on click, and the success message once submitted.
 * Problems come back per field (the server's 422 names them; the captcha's 400 names `captcha`;
 * a limit reached says when to try again), in Chinese or English as the visitor chooses.
 */
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Result, Skeleton, Space, Typography } from "antd";
import { Suspense, useCallback, useEffect, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { ApiError, errorText } from "../api/client";
import type { FieldDef, Text } from "../api/types";
import { useLang } from "../i18n/text";
import { widgetFor } from "../registries";
import LanguageSwitch from "../shell/LanguageSwitch";
import { usePublicText } from "./i18n";
import { publicApi, type Captcha, type PublicPage } from "./publicApi";
import "./publicForm.css";

type Values = Record<string, unknown>;
const CTX = { app: "", form: "" };

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

export default function PublicFormPage() {
  const { token = "" } = useParams();
  const { t } = usePublicText();
  const { lang, tx } = useLang();
  const [page, setPage] = useState<PublicPage>();
  const [loadError, setLoadError] = useState<unknown>();
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, Text | string>>({});
  const [general, setGeneral] = useState<unknown>();
  const [captcha, setCaptcha] = useState<Captcha>();
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Text>();

  const newCaptcha = useCallback(() => {
    setAnswer("");
    publicApi.captcha(token).then(setCaptcha, setLoadError);
  }, [token]);

  useEffect(() => {
    publicApi.page(token).then((p) => {
      setPage(p);
      if (p.captcha) newCaptcha();
    }, setLoadError);
  }, [token, newCaptcha]);

  useEffect(() => {
    const title = page ? tx(page.title) : "";
    if (title) document.title = title;
  }, [page, tx]);

  if (loadError) {
    const gone = loadError instanceof ApiError && loadError.status === 404;
    return (
      <div className="pf-shell">
        <Card className="pf-card">
          <div className="pf-lang"><LanguageSwitch /></div>
          <Result status={gone ? "404" : "warning"} title={gone ? t("page.gone") : t("page.failed")}
            subTitle={gone ? t("page.goneHint") : errorText(loadError, lang)} />
        </Card>
      </div>
    );
  }
  if (!page) {
    return <div className="pf-shell"><Card className="pf-card"><Skeleton active paragraph={{ rows: 6 }} /></Card></div>;
  }

  const set = (id: string, v: unknown) => {
    setValues((old) => ({ ...old, [id]: v }));
    if (errors[id]) setErrors(({ [id]: _gone, ...rest }) => rest);
  };

  const check = (): Record<string, Text | string> => {
    const out: Record<string, Text | string> = {};
    for (const f of page.fields) {
      if (f.required && empty(values[f.id])) out[f.id] = t("page.required", { what: tx(f.label, f.id) });
    }
    if (page.captcha && !answer.trim()) out.captcha = t("page.required", { what: t("page.captcha") });
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setGeneral(undefined);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const data = Object.fromEntries(Object.entries(values).filter(([, v]) => !empty(v)));
      const reply = await publicApi.submit(token, data, page.captcha && captcha ? { id: captcha.id, answer } : undefined);
      setDone(reply.message);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        setErrors(Object.fromEntries(err.errors.map((x) => [x.field ?? "", x.message ?? ""])));
        setGeneral(t("page.fixErrors"));
      } else if (err instanceof ApiError && err.details?.field === "captcha") {
        setErrors({ captcha: err.messages });
      } else {
        setGeneral(err);
      }
      if (page.captcha) newCaptcha(); // a captcha is good for one try
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setDone(undefined);
    setValues({});
    setErrors({});
    if (page.captcha) newCaptcha();
  };

  const message = (m: Text | string | undefined) => (typeof m === "string" ? m : tx(m));

  return (
    <div className="pf-shell">
      <Card className="pf-card">
        <div className="pf-head">
          <Typography.Title level={3} className="pf-title">{tx(page.title)}</Typography.Title>
          <div className="pf-lang"><LanguageSwitch /></div>
        </div>
        {done ? (
          <Result status="success" title={tx(done)} data-testid="public-done"
            extra={<Button onClick={again}>{t("page.again")}</Button>} />
        ) : (
          <>
            {page.description && <Typography.Paragraph type="secondary" className="pf-desc">{tx(page.description)}</Typography.Paragraph>}
            {general !== undefined && (
              <Alert type="error" showIcon className="pf-alert" data-testid="public-error"
                title={typeof general === "string" ? general : errorText(general, lang)} />
            )}
            <Form layout="vertical" component={false}>
              <form onSubmit={(e) => void submit(e)} noValidate data-testid="public-form">
                {page.fields.map((f) => (
                  <FieldItem key={f.id} field={f} value={values[f.id]} error={message(errors[f.id])} onChange={(v) => set(f.id, v)} />
                ))}
                {page.captcha && (
                  <Form.Item label={t("page.captcha")} required htmlFor="pf-captcha" data-field="captcha"
                    validateStatus={errors.captcha ? "error" : undefined} help={message(errors.captcha)}>
                    <Space.Compact className="pf-captcha">
                      <Input id="pf-captcha" value={answer} maxLength={8} autoComplete="off" autoCapitalize="characters"
                        placeholder={t("page.captchaPlaceholder")} status={errors.captcha ? "error" : undefined}
                        onChange={(e) => { setAnswer(e.target.value); if (errors.captcha) setErrors(({ captcha: _c, ...rest }) => rest); }} />
                      <button type="button" className="pf-captcha-img" onClick={newCaptcha} title={t("page.captchaRefresh")}>
                        {captcha ? <img src={captcha.image} alt={t("page.captchaAlt")} data-testid="captcha-image" data-captcha-id={captcha.id} />
                          : <Skeleton.Button active />}
                      </button>
                      <Button icon={<ReloadOutlined />} onClick={newCaptcha} aria-label={t("page.captchaRefresh")} />
                    </Space.Compact>
                  </Form.Item>
                )}
                <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="public-submit">
                  {busy ? t("page.submitting") : t("page.submit")}
                </Button>
              </form>
            </Form>
          </>
        )}
        <Typography.Paragraph type="secondary" className="pf-footer">{t("page.footer")}</Typography.Paragraph>
      </Card>
    </div>
  );
}

function FieldItem({ field, value, error, onChange }: { field: FieldDef; value: unknown; error: string; onChange: (v: unknown) => void }) {
  const { tx } = useLang();
  const Widget = widgetFor(field.type);
  const id = `pf-${field.id}`;
  return (
    <Form.Item label={tx(field.label, field.id)} required={field.required} htmlFor={id} data-field={field.id}
      validateStatus={error ? "error" : undefined} help={error || (field.help ? tx(field.help) : undefined)}>
      <Suspense fallback={<Skeleton.Input active block />}>
        <Widget id={id} field={field} value={value} ctx={CTX} invalid={Boolean(error)} onChange={onChange} />
      </Suspense>
    </Form.Item>
  );
}
