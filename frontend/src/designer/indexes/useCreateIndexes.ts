/** Creating indexes from the designer: refused while the draft has unsaved edits (the
 * designer reloads the published version and the draft afterwards), then a message. */
import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useLang } from '../../i18n/text';
import { useDesigner } from '../hooks/designerContext';
import { duration } from './format';
import { INDEX_NS } from './locales';
import { useIndexAdvice } from './useIndexAdvice';

export function useCreateIndexes() {
  const { t } = useTranslation(INDEX_NS);
  const { lang } = useLang();
  const { message } = App.useApp();
  const { app, state, dispatch, reload } = useDesigner();
  const advice = useIndexAdvice(app, state.def.id, state.published);
  const [busy, setBusy] = useState<string[] | null>(null);

  const create = async (fields: string[]) => {
    setBusy(fields);
    try {
      const done = await advice.create(fields);
      void message.success(t('created', { names: done.created.join(', ') || fields.join(', '),
        time: duration(done.build_ms), v: done.version }));
      const selected = state.selected;
      if (reload) await reload();
      if (selected) dispatch({ type: 'select', id: selected }); // reloading clears the selection
    } catch (err) {
      void message.error(`${t('failed')}: ${errorText(err, lang)}`);
    } finally {
      setBusy(null);
    }
  };
  return { ...advice, create, busy, blocked: state.dirty ? t('saveFirst') : null };
}
