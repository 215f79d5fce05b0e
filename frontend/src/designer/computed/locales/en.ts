/** Texts of the computed fields' editors (formula, lookup, rollup), English. */
import type { ComputedTexts } from './zh';

const en: ComputedTexts = {
  formula: {
    expression: 'Formula',
    placeholder: 'e.g. IF(Equity > 1000000, "HNW", "Standard")',
    insertField: 'Insert field',
    insertFunction: 'Insert function',
    searchFunction: 'Search functions (name, alias or help)',
    example: 'Example',
    checking: 'Checking…',
    ok: 'The formula is valid',
    type: 'Result type',
    sample: 'Value on the sample record “{{title}}”',
    sampleNone: 'No records yet: no sample value',
    refs: 'Fields used',
    volatile: 'Reads the current time: computed again on every read',
    error: 'The formula has an error',
    at: 'line {{line}}, column {{column}}',
    empty: 'Type a formula: it is checked as you type',
    indexed: 'Indexed (faster filters and sorts on it)',
    help: 'Refer to fields by name, in braces when the name has spaces or symbols, e.g. {Available funds}; text in double quotes.',
    categories: { logic: 'Logic', number: 'Number', text: 'Text', date: 'Date', aggregate: 'Aggregate', decision: 'Decision', other: 'Other' },
    types: { number: 'Number', text: 'Text', bool: 'Yes/No', date: 'Date', datetime: 'Date & time' },
  },
  lookup: {
    via: 'Through the relation',
    viaHelp: 'A relation field of this form pointing at another form',
    viaNone: 'This form has no relation field yet: add one first',
    field: 'Field of the related record',
  },
  rollup: {
    source: 'Roll up from',
    sourceHelp: 'A form with a relation to this form, and that relation field',
    sourceNone: 'No form has a relation to this form yet',
    aggregate: 'Aggregate',
    field: 'Field',
    filter: 'Only records matching a condition',
    addFilter: 'Add a condition',
    removeFilter: 'Remove the condition',
    window: 'Only a recent period',
    windowField: 'Date field',
    windowDays: 'Days',
    days: 'days',
    aggregates: { count: 'Count', count_distinct: 'Distinct count', sum: 'Sum', avg: 'Average', min: 'Minimum', max: 'Maximum', latest: 'Latest' },
  },
};

export default en;
