/** The designer once loaded: toolbar, problems, palette + canvas + properties (or the preview), dialogs. */
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { designerApi } from '../api';
import { NS } from '../i18n';
import { DesignerContext } from '../hooks/designerContext';
import type { DesignerContextValue } from '../hooks/designerContext';
import type { DesignerData } from '../hooks/useDesignerData';
import { useDraftActions } from '../hooks/useDraftActions';
import { useShortcuts } from '../hooks/useShortcuts';
import { locate } from '../model/layout';
import { locateProblems, problemsByField } from '../model/problems';
import { designerReducer, initialState } from '../model/reducer';
import Canvas from './Canvas';
import DesignerDnd from './DesignerDnd';
import DesignerToolbar from './DesignerToolbar';
import type { Mode } from './DesignerToolbar';
import Palette from './Palette';
import ProblemList from './ProblemList';
import PropertyPanel from './PropertyPanel';
import PublishDialog from './PublishDialog';
import PreviewPane from './preview/PreviewPane';
import VersionHistory from './VersionHistory';

function Workspace({ app, data }: { app: string; data: DesignerData }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [state, dispatch] = useReducer(designerReducer, undefined, () => initialState(data.def, data.published));
  const actions = useDraftActions(app, state, dispatch);
  const { setPublishedVersion, setProblems, save, reload, report } = actions;
  const [mode, setMode] = useState<Mode>('design');
  const [publishing, setPublishing] = useState(false);
  const [history, setHistory] = useState(false);

  useEffect(() => setPublishedVersion(data.publishedVersion), [data.publishedVersion, setPublishedVersion]);
  useShortcuts(dispatch, save, state.dirty, t('leave'));

  const typeOf = useMemo(() => {
    const byKey = new Map(data.types.map((ty) => [ty.key, ty]));
    return (key: string) => byKey.get(key);
  }, [data.types]);
  const layout = state.def.layout ?? [];
  const selectedAt = state.selected ? locate(layout, state.selected) : null;
  const context: DesignerContextValue = {
    app,
    state,
    dispatch,
    types: data.types,
    typeOf,
    forms: data.forms,
    problems: problemsByField(actions.problems),
    currentSection: selectedAt?.section ?? Math.max(0, layout.length - 1),
    reload,
  };

  const publish = useCallback(
    async (note: string) => {
      try {
        const done = await designerApi.publish(app, state.def.id, note || undefined);
        await reload();
        void message.success(t('publish.published', { v: done.version }));
        return true;
      } catch (err) {
        report(err, state.def, t('errors.publishRefused'));
        return false;
      }
    },
    [app, state.def, reload, report, message, t],
  );

  return (
    <DesignerContext.Provider value={context}>
      <div className="trellis-designer" data-testid="designer">
        <DesignerToolbar
          mode={mode}
          onMode={setMode}
          saving={actions.saving}
          publishedVersion={actions.publishedVersion}
          onSave={() => void save()}
          onPublish={() => setPublishing(true)}
          onHistory={() => setHistory(true)}
        />
        <Alert className="td-small-notice" type="info" showIcon title={t('words.smallScreen')} data-testid="small-screen-notice" />
        <ProblemList problems={actions.problems} onClose={() => setProblems([])} />
        {mode === 'design' ? (
          <div className="td-body">
            <DesignerDnd>
              <Palette />
              <Canvas />
            </DesignerDnd>
            <PropertyPanel />
          </div>
        ) : (
          <PreviewPane />
        )}
        <PublishDialog
          open={publishing}
          onClose={() => setPublishing(false)}
          ensureSaved={() => (state.dirty ? save() : Promise.resolve(true))}
          publish={publish}
          onProblems={(found) => setProblems(locateProblems(found, state.def.fields.map((f) => f.id)))}
        />
        <VersionHistory
          open={history}
          onClose={() => setHistory(false)}
          current={actions.publishedVersion}
          onRestored={async (version) => {
            await reload();
            setHistory(false);
            void message.success(t('history.restored', { v: version }));
          }}
        />
      </div>
    </DesignerContext.Provider>
  );
}

/** antd's App gives the message API a context (theme, locale) wherever the shell mounts the designer. */
export default function DesignerWorkspace(props: { app: string; data: DesignerData }) {
  return (
    <App component={false}>
      <Workspace {...props} />
    </App>
  );
}
