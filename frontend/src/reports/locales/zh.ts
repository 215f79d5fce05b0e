/** 报表与仪表盘的界面文字(命名空间 "reports",随页面按需加载)。 */
const zh = {
  title: "报表 / 仪表盘",
  dashboards: "仪表盘",
  reports: "报表",
  noDashboards: "还没有仪表盘",
  noReports: "还没有你可以查看的报表",
  tiles: "{{n}} 个图表",
  version: "第 {{v}} 版",
  charts: {
    bar: "柱状图", line: "折线图", area: "面积图", pie: "饼图", heatmap: "热力图", scatter: "散点图",
    funnel: "漏斗图", table: "明细表", pivot: "透视表", kpi: "指标卡",
  },
  back: "返回报表列表",
  retry: "重试",
  footer: {
    fresh: { s: "数据更新于 {{n}} 秒前", min: "数据更新于 {{n}} 分钟前", h: "数据更新于 {{n}} 小时前", d: "数据更新于 {{n}} 天前" },
    took: "查询耗时 {{t}}",
    truncated: "数据较多,只显示了一部分",
  },
  pivot: { subtotal: "小计", total: "总计" },
  kpi: { previous: "上期 {{v}}", noPrevious: "无上期数据" },
  empty: "暂无数据",
  download: { menu: "下载", png: "图片 (PNG)", svg: "矢量图 (SVG)", xlsx: "数据 (Excel)", failed: "下载失败:{{msg}}" },
  drill: { hint: "点击图表可查看明细记录", failed: "无法打开明细:{{msg}}" },
  tile: { unfiltered: "筛选“{{filters}}”不适用于这个图表", sep: "、", failed: "“{{report}}”加载失败", forbidden: "无权查看", forbiddenHint: "你没有查看这个报表的权限" },
  toolbar: {
    refresh: "刷新", autoRefresh: "每 {{n}} 秒自动刷新", fullscreen: "全屏", exitFullscreen: "退出全屏",
    editLayout: "编辑布局", save: "保存", cancel: "取消", saved: "布局已保存(第 {{v}} 版)", editHint: "拖动图表标题移动位置,拖动右下角调整大小",
    unsaved: "布局有未保存的修改",
  },
  filters: { all: "全部", searchUser: "搜索用户", clear: "清除筛选" },
  presets: { this_month: "本月", last_month: "上月", this_quarter: "本季度", this_year: "今年", last_30_days: "近30天" },
  widgets: {
    types: { shortcuts: "快捷入口", tasks: "我的待办", messages: "最新消息", recent: "最近记录", dashboards: "常用仪表盘" },
    hints: {
      shortcuts: "常用表单、新建记录、报表和仪表盘的入口", tasks: "待我处理的流程待办,标出到期和超时",
      messages: "消息中心里最新的消息,未读的加粗", recent: "我最近新建或修改过的记录", dashboards: "把常看的仪表盘放在手边",
    },
    kinds: {
      new: "新建记录", form: "表单", report: "报表", dashboard: "仪表盘", reports: "报表 / 仪表盘", inbox: "我的待办", messages: "消息中心",
    },
    newRecord: "新建{{form}}",
    saved: "已保存",
    more: "查看全部",
    empty: { shortcuts: "没有可用的快捷入口", tasks: "没有待办,干得漂亮", messages: "暂无消息", recent: "最近没有新建或修改过的记录", dashboards: "没有仪表盘" },
    unread: "{{n}} 条未读",
    pending: "共 {{n}} 条待办",
    actions: { create: "新建", update: "修改", restore: "恢复" },
    add: "添加小组件",
    remove: "移除",
    removeConfirm: "从工作台移除“{{title}}”?",
    notSaved: "保存布局后显示内容",
    editor: {
      title: "添加小组件", type: "类型", settings: "设置", limit: "显示条数", unreadOnly: "只显示未读", scope: "范围",
      scopeApp: "本应用", scopeAll: "所有应用", items: "入口", kind: "类型", target: "对象", label: "名称(可选)",
      addItem: "添加入口", pickDashboards: "选择仪表盘", ok: "添加", cancel: "取消",
    },
    problems: {
      type: "请选择小组件类型", noShortcut: "至少添加一个入口", noTarget: "请为每个入口选择对象",
      noDashboard: "至少选择一个仪表盘", limit: "显示条数超出范围",
    },
  },
};

export default zh;
