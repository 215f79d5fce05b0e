/** 待办相关界面文字(命名空间 "tasks",随待办中心、任务详情和记录页的审批进度按需加载)。 */
const zh = {
  menu: "待办",
  title: "待办中心",
  tabs: { pending: "待我处理", done: "我已处理", initiated: "我发起的", cc: "抄送我的" },
  tabsShort: { pending: "待办", done: "已办", initiated: "我发起", cc: "抄送" },
  filters: {
    app: "应用", form: "表单", anyForm: "全部表单", overdue: "只看超时", search: "搜索标题、流程或发起人",
  },
  columns: { title: "标题", flow: "流程 / 节点", initiator: "发起人", created: "到达时间", acted: "处理时间", sla: "时限", status: "状态", waiting: "等待" },
  empty: { pending: "没有待处理的任务", done: "还没有处理过任务", initiated: "还没有发起过审批", cc: "没有抄送给你的任务" },
  loadFailed: "待办加载失败",
  total: "共 {{count}} 条",
  by: "{{name}} 发起",
  waitingFor: "等待 {{names}}",
  kind: { approval: "审批", handle: "办理", cc: "抄送" },
  sla: {
    left: { minutes: "剩余 {{count}} 分钟", hours: "剩余 {{count}} 小时", days: "剩余 {{count}} 天" },
    over: { minutes: "已超时 {{count}} 分钟", hours: "已超时 {{count}} 小时", days: "已超时 {{count}} 天" },
    overdue: "已超时", due: "截止 {{at}}",
  },
  batch: {
    approve: "批量同意", selected: "已选 {{count}} 项", confirm: "同意选中的 {{count}} 个任务?",
    comment: "审批意见(可选)", result: "批量同意结果", ok: "已同意", failed: "未成功",
    summary: "成功 {{ok}} 项,失败 {{failed}} 项", none: "选中的任务都不能批量同意",
  },
  actions: {
    approve: "同意", reject: "驳回", return: "退回", transfer: "转交", add_signer: "加签", handle: "办理",
    comment: "评论", read: "已阅", withdraw: "撤回", urge: "催办", submit: "提交审批", resubmit: "重新提交",
  },
  modal: {
    comment: "意见", commentPlaceholder: "填写处理意见", commentRequired: "请填写意见",
    returnTo: "退回到", returnStart: "发起人", returnRequired: "请选择退回到哪个节点",
    transferTo: "转交给", userRequired: "请选择人员", signers: "加签人员", signersRequired: "请选择加签人员",
    position: "加签位置", before: "在我之前", after: "在我之后", attachments: "附件",
    withdrawConfirm: "撤回这个审批?撤回后可以修改记录再重新提交。", urgeConfirm: "提醒当前处理人尽快处理?",
    submitConfirm: "提交这条记录审批?", chooseApprovers: "请选择{{step}}的处理人", choose: "选择人员",
  },
  done: {
    approve: "已同意", reject: "已驳回", return: "已退回", transfer: "已转交", add_signer: "已加签", handle: "已办理",
    comment: "已评论", read: "已阅", withdraw: "已撤回", urge: "已催办", submit: "已提交审批",
  },
  task: {
    title: "任务详情", record: "记录", history: "审批记录", noHistory: "暂无审批记录", openRecord: "打开记录",
    noFields: "这个节点不显示记录的字段", notFound: "任务不存在或不是你的任务", closed: "这个任务已处理,只能查看",
    initiator: "发起人", arrived: "到达时间", due: "截止时间", fixFields: "请修正标出的字段",
    required: "必填",
  },
  states: {
    queued: "排队中", pending: "待处理", approved: "已同意", rejected: "已驳回", returned: "已退回", transferred: "已转交",
    handled: "已办理", cancelled: "已取消", skipped: "已跳过", auto: "自动通过", cc: "抄送", read: "已阅",
    running: "进行中", waiting: "审批中", done: "已结束", failed: "出错", withdrawn: "已撤回", comment: "评论",
    add_signer: "加签", urged: "催办",
  },
  status: { pending: "审批中", approved: "已通过", rejected: "已驳回", withdrawn: "已撤回", returned: "已退回" },
  run: {
    title: "审批进度", waitingAt: "当前节点", waitingFor: "等待处理", due: "截止", noWait: "没有等待处理的人",
    history: "审批记录", diagram: "流程图", started: "{{name}} 于 {{at}} 发起",
  },
  urged: "催办 {{count}} 次",
};

export default zh;
