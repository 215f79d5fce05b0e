/** 工作日历页面文字(命名空间 "calendar",随页面按需加载)。 */
const zh = {
  title: "工作日历",
  subtitle: "审批时限按这里的工作日、交易日和工作时间计算",
  prevYear: "上一年", nextYear: "下一年", year: "年份",
  unknown: "chinese-calendar 尚未收录 {{year}} 年的节假日安排,目前按周一至周五计算。请按国务院公布的安排逐日设置放假和调休。",
  summary: "工作日 {{working}} 天 · 交易日 {{trading}} 天 · 手工设置 {{overrides}} 天",
  hours: "工作时间 {{hours}}",
  kinds: { working: "工作日", holiday: "节假日", makeup: "调休上班", noTrading: "工作日(非交易日)", weekend: "周末" },
  override: "手工设置",
  marks: { holiday: "休", makeup: "班" },
  weekdays: ["一", "二", "三", "四", "五", "六", "日"],
  edit: {
    title: "{{day}} {{weekday}}", working: "工作日", trading: "交易日", note: "备注",
    notePlaceholder: "如:国庆节、调休上班、公司年会",
    tradingHint: "非工作日不是交易日", source: "来源",
    sources: { override: "手工设置", package: "chinese-calendar", weekday: "按周一至周五" },
    holiday: "节日", default: "默认", dayOff: "休息日", noTrading: "非交易日",
    save: "保存", reset: "恢复默认", cancel: "取消",
    saved: "{{day}} 已保存", resetDone: "{{day}} 已恢复默认", readOnly: "只有系统管理员可以修改工作日历",
  },
  weekdayNames: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
  retry: "重试",
};

export default zh;
