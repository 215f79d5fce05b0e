/** 报表设计器的界面文字(命名空间 "reportdesigner",随设计器按需加载)。 */
const zh = {
  title: "报表设计器",
  newTitle: "新建报表",
  design: "设计",
  drafts: "未发布的草稿({{n}})",
  back: "返回报表列表",
  loadFailed: "无法打开报表",
  retry: "重试",
  toolbar: {
    save: "保存草稿", publish: "发布", saved: "草稿已保存", published: "已发布第 {{v}} 版",
    publishFailed: "发布未通过检查,请处理标红的问题", saveFailed: "保存未通过检查,请处理标红的问题",
    version: "已发布 v{{v}}", neverPublished: "未发布", unsaved: "有未保存的修改", open: "查看报表",
  },
  create: {
    title: "新建报表", form: "数据来源表单", formHelp: "报表统计这个表单的记录", nameZh: "名称(中文)", nameEn: "名称(英文)",
    id: "标识", idHelp: "由名称生成,可修改;小写字母开头,只含小写字母、数字和下划线,创建后不可修改",
    idBad: "标识须以小写字母开头,只含小写字母、数字和下划线(最多 41 个字符)", idTaken: "已有同标识的报表",
    ok: "开始设计", cancel: "取消",
  },
  name: { zh: "名称", en: "英文名称", id: "标识", form: "表单" },
  fields: {
    title: "字段", search: "搜索字段", records: "记录数", recordsHelp: "拖到指标:统计记录条数",
    own: "本表字段", via: "关联:{{name}}", none: "没有匹配的字段", add: "添加", asDimension: "作为维度", asMeasure: "作为指标",
    dragHint: "把字段拖到中间的维度或指标里,或点字段右侧的 + 添加",
  },
  zones: {
    dimensions: "维度", dimensionsHelp: "按什么分组(最多 {{n}} 个)", measures: "指标", measuresHelp: "统计什么(最多 {{n}} 个)",
    dropDimension: "把字段拖到这里作为维度", dropMeasure: "把字段拖到这里作为指标",
    full: "已达上限", duplicate: "这个字段已经是维度", notDimension: "这个字段不能作为维度", notMeasure: "这个字段不能统计",
    formula: "公式指标",
  },
  dimension: {
    period: "周期", top: "前 N 名", topHelp: "只保留前 N 名(按第一个指标),其余合并为“其他”", remove: "移除维度", move: "拖动调整顺序",
  },
  periods: { day: "日", trading_day: "交易日", week: "周", month: "月", quarter: "季", year: "年" },
  aggs: {
    count: "计数", count_distinct: "去重计数", sum: "求和", avg: "平均", min: "最小", max: "最大", median: "中位数", percentile: "百分位",
  },
  formats: { number: "数字", percent: "百分比", money: "金额" },
  measure: {
    agg: "统计方式", p: "百分位", format: "格式", filter: "条件", filterTitle: "只统计满足条件的记录", filterOn: "条件:{{text}}",
    settings: "名称与标识", labelZh: "名称(中文)", labelEn: "名称(英文)", id: "标识", idBad: "标识须以小写字母开头,只含小写字母、数字和下划线",
    idTaken: "已有同标识的指标或维度", remove: "移除指标", formula: "公式", editFormula: "编辑公式",
  },
  formula: {
    title: "公式指标", editTitle: "编辑公式指标", simple: "选择指标", json: "JsonLogic", left: "指标", op: "运算", right: "指标或数字",
    number: "数字", hundred: "结果 × 100", label: "名称", labelEn: "英文名称", format: "格式",
    needEarlier: "公式只能使用它前面的指标,请先添加统计指标", badJson: "不是有效的 JSON", badShape: "应为一个 JsonLogic 对象,如 {\"/\": [{\"var\": \"a\"}, {\"var\": \"b\"}]}",
    unknown: "公式引用了前面没有的指标:{{ids}}", earlier: "可用的指标:{{ids}}", ok: "确定", cancel: "取消", needLabel: "请填写名称",
    ops: { "+": "加", "-": "减", "*": "乘", "/": "除以" },
  },
  filter: {
    title: "筛选", help: "只统计满足条件的记录", none: "全部记录", edit: "设置条件", clear: "清除", modal: "报表筛选条件",
    ok: "确定", cancel: "取消", loading: "正在加载条件编辑器…",
  },
  sort: {
    title: "排序与条数", by: "排序列", asc: "升序", desc: "降序", add: "添加排序", none: "按维度的自然顺序",
    limit: "最多显示", limitPlaceholder: "不限", rows: "行", dimension: "维度", measure: "指标",
  },
  compare: {
    title: "与上一周期对比", help: "当前周期(含今天)与上一周期的数字并排", field: "日期字段", period: "周期", noDates: "表单没有日期字段",
  },
  chart: {
    title: "图表", fits: "需要 {{d}} 个维度、{{m}} 个指标", range: "{{lo}}–{{hi}}",
    stacked: "堆叠", grouped: "分组", horizontal: "横向", donut: "环形", rows: "行", columns: "列", subtotals: "小计",
    pivotHelp: "每个维度放在行或列上", layout: "排列", headline: "主指标", headlineHelp: "大字显示的指标,其余小字显示",
    types: {
      bar: "柱状图", line: "折线图", area: "面积图", pie: "饼图", scatter: "散点图", heatmap: "热力图",
      funnel: "漏斗图", kpi: "指标卡", table: "明细表", pivot: "透视表",
    },
  },
  preview: {
    title: "实时预览", hint: "把字段拖到“指标”里,这里会显示报表", updating: "正在更新…", meta: "{{rows}} 行 · 查询 {{ms}} ms",
    problems: "预览无法更新,请先处理标红的问题", problemsStale: "预览无法更新,请先处理标红的问题(下面是上一次成功的预览)",
  },
};

export default zh;
