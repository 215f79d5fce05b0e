/** The designer's REST calls (definitions, publishing, versions), through the app's client. */
import { definitionsChanged } from '../api/cache';
import { request } from '../api/client';
import type {
  FormDefinition, FormSummary, ImpactPreview, VersionInfo,
} from './model/types';

const formPath = (app: string, form: string) =>
  `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}`;

/** Saved or published: the rest of the app (menu, grids) must see the new definition. */
function changed<T>(result: T): T {
  definitionsChanged();
  return result;
}

export const designerApi = {
  forms: (app: string) =>
    request<{ items: FormSummary[] }>('GET', `/apps/${encodeURIComponent(app)}/forms`).then((r) => r.items),
  /** The published definition (to list a relation target's fields). */
  published: (app: string, form: string) => request<FormDefinition>('GET', formPath(app, form)),
  definition: (app: string, form: string) => request<FormDefinition>('GET', `${formPath(app, form)}/definition`),
  save: (app: string, form: string, body: FormDefinition) =>
    request<FormDefinition>('PUT', `${formPath(app, form)}/definition`, { body }).then(changed),
  /** How many stored records have no value in `field` (counted exactly). */
  emptyCount: (app: string, form: string, field: string) =>
    request<{ count: number | null }>('GET', `${formPath(app, form)}/records`, {
      query: { filter: JSON.stringify({ '==': [{ var: field }, null] }), limit: 1, count: 'exact', fields: 'id' },
    }).then((r) => r.count ?? 0),
  preview: (app: string, form: string) => request<ImpactPreview>('GET', `${formPath(app, form)}/publish/preview`),
  publish: (app: string, form: string, note?: string) =>
    request<{ version: number }>('POST', `${formPath(app, form)}/publish`, { body: note ? { note } : {} }).then(changed),
  versions: (app: string, form: string) =>
    request<{ items: VersionInfo[] }>('GET', `${formPath(app, form)}/versions`).then((r) => r.items),
  version: (app: string, form: string, version: number) =>
    request<FormDefinition>('GET', `${formPath(app, form)}/versions/${version}`),
  restore: (app: string, form: string, version: number) =>
    request<{ version: number }>('POST', `${formPath(app, form)}/versions/${version}/restore`).then(changed),
};
