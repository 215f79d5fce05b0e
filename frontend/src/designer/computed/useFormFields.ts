/** The live fields of another form of the app (its published definition, else its draft), and
 * the forms whose relation fields point at a given form (the server's list, else read from
 * each form's published definition). */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { traitsOf } from '../../api/fieldTypes';
import type { Text } from '../../api/types';
import { designerApi } from '../api';
import type { FieldDef, FormSummary } from '../model/types';

export function useFormFields(app: string, form: string | undefined): FieldDef[] {
  const [fields, setFields] = useState<FieldDef[]>([]);
  useEffect(() => {
    let live = true;
    if (!form) {
      setFields([]);
      return undefined;
    }
    designerApi.published(app, form)
      .catch(() => designerApi.definition(app, form))
      .then((def) => live && setFields((def.fields ?? []).filter((f) => !f.deleted)))
      .catch(() => live && setFields([]));
    return () => { live = false; };
  }, [app, form]);
  return fields;
}

export interface IncomingRelation {
  form: string;
  field: string;
  label?: Text;
  form_label?: Text;
}

export function useIncomingRelations(app: string, form: string, forms: FormSummary[]): IncomingRelation[] | null {
  const [found, setFound] = useState<IncomingRelation[] | null>(null);
  const formsKey = forms.map((f) => f.id).join(',');
  useEffect(() => {
    let live = true;
    (async () => {
      const listed = await api.relations(app, form).catch(() => null);
      if (listed) return listed;
      const defs = await Promise.all(forms.map((f) => designerApi.published(app, f.id).catch(() => null)));
      return defs.flatMap((def, i) => (def?.fields ?? [])
        .filter((x) => !x.deleted && traitsOf(x.type).references === 'form' && x.target === form)
        .map((x) => ({ form: forms[i].id, field: x.id, label: x.label, form_label: def?.label ?? forms[i].label ?? undefined })));
    })().then((items) => live && setFound(items), () => live && setFound([]));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [app, form, formsKey]);
  return found;
}
