/** The index advisor's texts (namespace "designer-indexes"), Chinese and English. */
import i18n from '../../i18n';

export const INDEX_NS = 'designer-indexes';

const zh = {
  tab: '索引',
  title: '索引建议',
  intro: '按保存的视图和运行中的慢查询(超过 {{ms}} 毫秒且未走索引)统计,哪些字段值得建立索引。',
  loading: '正在分析…',
  adminOnly: '只有系统管理员可以查看索引建议和建立索引。',
  unpublished: '表单发布后才有索引建议。',
  failed: '无法获取索引建议',
  retry: '重试',
  none: '没有保存的视图或慢查询用到此字段。',
  noneForm: '保存的视图和慢查询没有用到未建索引的字段。',
  hasIndex: '已有索引 {{name}}',
  hasUnique: '已有唯一索引 {{name}}',
  notIndexable: '此类型的字段不能建立索引',
  notFriendly: '这些用法(如“不等于”、包含)用不上索引',
  suggested: '建议建立索引',
  views: '使用它的视图',
  shared: '共享',
  personal: '个人 · {{owner}}',
  slow: '慢查询 {{count}} 次,最慢 {{max}},平均 {{avg}}',
  noSlow: '暂无慢查询',
  uses: {
    sort: '排序', sort_desc: '降序排序', group: '分组', date_range: '日期范围', eq: '等于', lt: '小于', le: '不大于',
    gt: '大于', ge: '不小于', in: '属于', ne: '不等于', contains: '包含', starts_with: '开头是', ends_with: '结尾是',
    is_empty: '为空', not_empty: '不为空', value: '条件值', other: '其他条件',
  },
  cost: '代价:{{rows}} 行,索引约 {{size}},建立约需 {{time}}',
  costLock: '建立期间该表暂停写入。',
  create: '建立索引',
  createAll: '建立全部建议的索引({{n}})',
  confirm: '为 {{names}} 建立索引?表单将发布为新版本。',
  created: '已建立索引({{names}}),用时 {{time}},表单已发布为版本 {{v}}',
  saveFirst: '请先保存草稿:建立索引会发布新版本并重新载入设计器',
  recent: '最近的慢查询',
  field: '字段',
};

type Texts = typeof zh;

const en: Texts = {
  tab: 'Index',
  title: 'Index advice',
  intro: 'Fields worth an index, from saved views and from slow queries seen at run time (over {{ms}} ms without an index).',
  loading: 'Analysing…',
  adminOnly: 'Only administrators see index advice and create indexes.',
  unpublished: 'Index advice is available once the form is published.',
  failed: 'Could not load the index advice',
  retry: 'Retry',
  none: 'No saved view or slow query uses this field.',
  noneForm: 'Saved views and slow queries use no field that lacks an index.',
  hasIndex: 'Indexed ({{name}})',
  hasUnique: 'Unique index ({{name}})',
  notIndexable: 'A field of this type cannot be indexed',
  notFriendly: 'These uses (not equal, contains, ...) cannot use an index',
  suggested: 'Index suggested',
  views: 'Views using it',
  shared: 'shared',
  personal: 'personal · {{owner}}',
  slow: '{{count}} slow queries, slowest {{max}}, average {{avg}}',
  noSlow: 'No slow queries yet',
  uses: {
    sort: 'sort', sort_desc: 'sort descending', group: 'group', date_range: 'date range', eq: 'equals',
    lt: 'less than', le: 'at most', gt: 'greater than', ge: 'at least', in: 'one of', ne: 'not equal',
    contains: 'contains', starts_with: 'starts with', ends_with: 'ends with', is_empty: 'is empty',
    not_empty: 'is not empty', value: 'condition value', other: 'other condition',
  },
  cost: 'Cost: {{rows}} rows, index about {{size}}, built in about {{time}}',
  costLock: 'Writes to the table wait while it is built.',
  create: 'Create index',
  createAll: 'Create all suggested indexes ({{n}})',
  confirm: 'Create an index on {{names}}? The form is published as a new version.',
  created: 'Index created ({{names}}) in {{time}}; the form is published as version {{v}}',
  saveFirst: 'Save the draft first: creating an index publishes a new version and reloads the designer',
  recent: 'Recent slow queries',
  field: 'Field',
};

for (const [lng, texts] of [['zh-CN', zh], ['zh', zh], ['en', en]] as const) {
  if (!i18n.hasResourceBundle(lng, INDEX_NS)) i18n.addResourceBundle(lng, INDEX_NS, texts, true, false);
}

const OPS: Record<string, string> = {
  '==': 'eq', '===': 'eq', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', in: 'in', '!=': 'ne', '!==': 'ne',
  contains: 'contains', starts_with: 'starts_with', ends_with: 'ends_with', is_empty: 'is_empty',
  not_empty: 'not_empty', value: 'value',
};

/** The text key of a use the server reports ("sort:desc", "filter:>=", "group", ...). */
export function keyOfUse(use: string): string {
  if (use.startsWith('filter:')) return `uses.${OPS[use.slice(7)] ?? 'other'}`;
  if (use === 'sort:desc') return 'uses.sort_desc';
  return ['sort', 'group', 'date_range'].includes(use) ? `uses.${use}` : 'uses.other';
}
