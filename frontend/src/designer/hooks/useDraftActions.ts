/** Saving the draft, reloading it after a publish or restore, and the problems the server reported. */
import { useCallback, useRef, useState } from 'react';
import type { Dispatch } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { locateProblems } from '../model/problems';
import type { Problem } from '../model/problems';
import { definitionBody } from '../model/reducer';
import type { DesignerAction, DesignerState } from '../model/reducer';
import { langOf } from '../model/text';
import type { ApiProblem, FormDefinition } from '../model/types';
import { publishedInfo } from './useDesignerData';

export function useDraftActions(app: string, state: DesignerState, dispatch: Dispatch<DesignerAction>) {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const [publishedVersion, setPublishedVersion] = useState<number | null>(null);
  const latest = useRef(state);
  latest.current = state;

  /** Show an API failure: its problems placed on fields when it lists them, else a message. */
  const report = useCallback(
    (err: unknown, sent: FormDefinition, title: string) => {
      if (err instanceof ApiError && err.errors.length) {
        setProblems(locateProblems(err.errors as ApiProblem[], sent.fields.map((f) => f.id)));
        void message.error(`${title}: ${t('errors.title', { count: err.errors.length })}`);
      } else {
        void message.error(`${title}: ${errorText(err, langOf(i18n.language))}`);
      }
    },
    [message, t, i18n.language],
  );

  /** Save the draft; true when saved (or nothing to save). */
  const save = useCallback(async (): Promise<boolean> => {
    const current = latest.current;
    const body = definitionBody(current.def);
    setSaving(true);
    try {
      await designerApi.save(app, body.id, body);
      dispatch({ type: 'saved', def: current.def });
      setProblems([]);
      void message.success(t('toolbar.saved'));
      return true;
    } catch (err) {
      report(err, body, t('errors.saveFailed'));
      return false;
    } finally {
      setSaving(false);
    }
  }, [app, dispatch, message, report, t]);

  /** Load the draft and the published version again (after a publish or a restore). */
  const reload = useCallback(async () => {
    const id = latest.current.def.id;
    const [def, info] = await Promise.all([designerApi.definition(app, id), publishedInfo(app, id)]);
    dispatch({ type: 'load', def, published: info.ids });
    setPublishedVersion(info.version);
    setProblems([]);
  }, [app, dispatch]);

  return { problems, setProblems, saving, save, reload, report, publishedVersion, setPublishedVersion };
}
