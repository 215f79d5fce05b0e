/** Texts of the computed fields' editors (formula, lookup, rollup), Chinese. */
const zh = {
  formula: {
    expression: '公式',
    placeholder: '例如:IF(权益 > 1000000, "高净值", "普通")',
    insertField: '插入字段',
    insertFunction: '插入函数',
    searchFunction: '搜索函数(名称、别名或说明)',
    example: '示例',
    checking: '正在检查…',
    ok: '公式有效',
    type: '结果类型',
    sample: '示例记录「{{title}}」的值',
    sampleNone: '还没有记录,无法显示示例值',
    refs: '用到的字段',
    volatile: '含当前时间,每次读取时重新计算',
    error: '公式有误',
    at: '第 {{line}} 行第 {{column}} 列',
    empty: '输入公式后即时检查',
    indexed: '建立索引(按它筛选、排序更快)',
    help: '字段用名称引用,名称含空格或符号时加花括号,如 {可用 资金};文字用英文双引号。',
    categories: { logic: '逻辑', number: '数字', text: '文本', date: '日期', aggregate: '汇总', decision: '决策', other: '其他' },
    types: { number: '数字', text: '文本', bool: '是/否', date: '日期', datetime: '日期时间' },
  },
  lookup: {
    via: '通过关联字段',
    viaHelp: '本表单中指向另一个表单的关联字段',
    viaNone: '此表单还没有关联字段,请先添加一个',
    field: '显示关联记录的字段',
  },
  rollup: {
    source: '汇总来源',
    sourceHelp: '关联到本表单的表单,以及它的关联字段',
    sourceNone: '还没有表单关联到此表单',
    aggregate: '汇总方式',
    field: '汇总字段',
    filter: '只汇总满足条件的记录',
    addFilter: '添加条件',
    removeFilter: '去掉条件',
    window: '只汇总最近一段时间',
    windowField: '日期字段',
    windowDays: '天数',
    days: '天',
    aggregates: { count: '计数', count_distinct: '去重计数', sum: '求和', avg: '平均值', min: '最小值', max: '最大值', latest: '最新值' },
  },
};

export default zh;
export type ComputedTexts = typeof zh;
