/** The designer's state: the draft being edited, the selection, and undo/redo history. */
import * as ops from './fieldOps';
import type { FieldDef, FieldTypeInfo, FormDefinition, LayoutSection, Text } from './types';

export interface DesignerState {
  /** The draft; its layout always names every live field exactly once. */
  def: FormDefinition;
  /** Field ids of the published version: their id is fixed, removing them marks them deleted. */
  published: string[];
  selected: string | null;
  dirty: boolean;
  past: FormDefinition[];
  future: FormDefinition[];
  /** What the last edit changed, when consecutive edits of it merge into one undo step. */
  lastEdit?: string;
}

export type DesignerAction =
  | { type: 'load'; def: FormDefinition; published?: string[] }
  /** The draft `def` was saved: clean, unless it was edited again meanwhile. */
  | { type: 'saved'; def: FormDefinition }
  | { type: 'select'; id: string | null }
  | { type: 'addField'; fieldType: FieldTypeInfo; section: number; index: number; id?: string }
  | { type: 'moveField'; id: string; section: number; index: number }
  | { type: 'removeField'; id: string }
  | { type: 'restoreField'; id: string }
  | { type: 'updateField'; id: string; patch: Partial<FieldDef> }
  | { type: 'renameField'; id: string; to: string }
  | { type: 'changeType'; id: string; fieldType: FieldTypeInfo }
  | { type: 'updateForm'; patch: Partial<Pick<FormDefinition, 'label' | 'description' | 'title_field'>> }
  | { type: 'addSection'; at?: number; tab?: Text; label?: Text }
  | { type: 'updateSection'; index: number; patch: Partial<Omit<LayoutSection, 'fields'>> }
  | { type: 'removeSection'; index: number }
  | { type: 'setTab'; sections: number[]; tab: Text | undefined }
  | { type: 'moveSection'; index: number; to: number }
  | { type: 'undo' }
  | { type: 'redo' };

const HISTORY = 100;

export function initialState(def: FormDefinition, published: string[] = []): DesignerState {
  return { def: ops.withLayout(def), published, selected: null, dirty: false, past: [], future: [] };
}

/**
 * Record an edit: the old draft goes to the undo stack, the redo stack is cleared. Edits
 * with the same `merge` key in a row (typing into one input) make one undo step.
 */
function edit(state: DesignerState, def: FormDefinition, selected = state.selected, merge?: string): DesignerState {
  if (def === state.def) return selected === state.selected ? state : { ...state, selected };
  const merging = merge !== undefined && merge === state.lastEdit && state.past.length > 0;
  return {
    ...state,
    def,
    selected,
    dirty: true,
    past: merging ? state.past : [...state.past.slice(-(HISTORY - 1)), state.def],
    future: [],
    lastEdit: merge,
  };
}

function stillThere(def: FormDefinition, id: string | null): string | null {
  return id && def.fields.some((f) => f.id === id && !f.deleted) ? id : null;
}

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const def = state.def;
  switch (action.type) {
    case 'load':
      return initialState(action.def, action.published ?? state.published);
    case 'saved':
      return { ...state, dirty: state.def !== action.def, lastEdit: undefined };
    case 'select':
      return { ...state, selected: action.id };
    case 'addField': {
      const out = ops.addField(def, action.fieldType, action.section, action.index, action.id);
      return edit(state, out.def, out.id);
    }
    case 'moveField':
      return edit(state, ops.moveField(def, action.id, action.section, action.index));
    case 'removeField': {
      const next = ops.removeField(def, action.id, state.published);
      return edit(state, next, state.selected === action.id ? null : state.selected);
    }
    case 'restoreField':
      return edit(state, ops.restoreField(def, action.id), action.id);
    case 'updateField': {
      if (action.patch.label && !state.published.includes(action.id)) {
        // an unpublished field's generated id follows its Chinese label
        const out = ops.relabelField(def, action.id, action.patch);
        if (out.id !== action.id) {
          return edit(state, out.def, state.selected === action.id ? out.id : state.selected, 'field:label');
        }
      }
      return edit(
        state,
        ops.updateField(def, action.id, action.patch),
        state.selected,
        `field:${action.id}:${Object.keys(action.patch).sort().join(',')}`,
      );
    }
    case 'renameField': {
      if (state.published.includes(action.id)) return state;
      const next = ops.renameField(def, action.id, action.to);
      return edit(state, next, state.selected === action.id && next !== def ? action.to : state.selected);
    }
    case 'changeType':
      return edit(state, ops.changeType(def, action.id, action.fieldType));
    case 'updateForm':
      return edit(state, ops.updateForm(def, action.patch), state.selected, `form:${Object.keys(action.patch).sort()}`);
    case 'addSection':
      return edit(state, ops.addSection(def, action.at, action.tab, action.label));
    case 'updateSection':
      return edit(
        state,
        ops.updateSection(def, action.index, action.patch),
        state.selected,
        `section:${action.index}:${Object.keys(action.patch).sort()}`,
      );
    case 'setTab':
      return edit(state, ops.setTab(def, action.sections, action.tab), state.selected, `tab:${action.sections.join(',')}`);
    case 'removeSection':
      return edit(state, ops.removeSection(def, action.index));
    case 'moveSection':
      return edit(state, ops.moveSection(def, action.index, action.to));
    case 'undo': {
      if (!state.past.length) return state;
      const prev = state.past[state.past.length - 1];
      return {
        ...state,
        def: prev,
        past: state.past.slice(0, -1),
        future: [def, ...state.future],
        selected: stillThere(prev, state.selected),
        dirty: true,
        lastEdit: undefined,
      };
    }
    case 'redo': {
      if (!state.future.length) return state;
      const [next, ...rest] = state.future;
      return {
        ...state,
        def: next,
        past: [...state.past, def],
        future: rest,
        selected: stillThere(next, state.selected),
        dirty: true,
        lastEdit: undefined,
      };
    }
    default:
      return state;
  }
}

/** The body sent to the server: the draft without empty optional texts. */
export function definitionBody(def: FormDefinition): FormDefinition {
  const out: FormDefinition = { ...def, fields: def.fields, layout: def.layout };
  if (out.description && !out.description.zh && !out.description.en) delete out.description;
  if (!out.title_field) delete out.title_field;
  return out;
}
