/** 通知相关界面文字(命名空间 "notify",随消息中心、通知设置和通知管理页按需加载)。 */
const zh = {
  tabs: { unread: "未读", read: "已读", all: "全部" },
  urgency: { high: "高", medium: "中", low: "低" },
  ago: { now: "刚刚", minutes: "{{count}} 分钟前", hours: "{{count}} 小时前", days: "{{count}} 天前" },
  bell: {
    title: "通知", markAllRead: "全部标为已读", allRead: "已全部标为已读", center: "查看全部消息",
    empty: { unread: "没有未读消息", read: "没有已读消息", all: "暂无消息" }, loadMore: "加载更多",
    loadFailed: "消息加载失败",
  },
  center: { title: "消息中心", settings: "通知设置" },
  settings: {
    title: "通知设置", hint: "选择每类通知通过哪些渠道发给你。不勾选时按应用的默认渠道发送;高紧急度的通知总是按应用的设置发送。", event: "通知", noEvents: "暂无可订阅的通知",
    quiet: "免打扰时段", quietOn: "开启免打扰", quietHint: "这段时间内的非紧急通知会延后到时段结束后发送。",
    start: "开始", end: "结束", saved: "通知设置已保存", quietMissing: "请选择免打扰的开始和结束时间",
  },
  admin: {
    title: "通知管理", forbidden: "只有管理员可以管理通知",
    tabs: { channels: "渠道", templates: "模板", deliveries: "投递记录" },
  },
  channels: {
    add: "添加渠道", edit: "编辑渠道“{{name}}”", name: "名称", type: "类型", label: "显示名称",
    enabled: "启用", disabled: "已停用", sent: "7 天发送", failed: "7 天失败", updated: "更新时间",
    config: "配置", nameHint: "用于路由中引用,只能包含小写字母、数字和下划线",
    nameInvalid: "名称只能包含小写字母、数字和下划线,且以字母开头", nameTaken: "已有名为“{{name}}”的渠道",
    secretSet: "已设置,留空则不变", secretEmpty: "未设置", saved: "渠道“{{name}}”已保存",
    deleteConfirm: "确定删除渠道“{{name}}”吗?", deleted: "渠道“{{name}}”已删除", empty: "还没有配置渠道",
    test: "发送测试", testTitle: "向“{{name}}”发送测试", testTo: "接收地址", testToHint: "留空则发给你自己",
    testSend: "发送", testResult: "投递结果", addEntry: "添加一项", key: "键", value: "值",
    noConfig: "此类型没有需要填写的配置", notInstalled: "类型未安装", unreadable: "配置无法读取(密钥已变?)",
    address: { email: "邮箱地址", mobile: "手机号", user: "用户 ID", wecom: "企业微信账号", dingtalk: "钉钉账号" },
  },
  templates: {
    add: "新建模板", key: "标识", label: "名称", form: "关联表单", urgency: "紧急程度", noForm: "(不关联表单)",
    subject: "标题", body: "正文", html: "HTML 正文(邮件,可选)", zh: "中文", en: "英文", status: "状态",
    draft: "草稿", published: "已发布 v{{version}}", saveDraft: "保存草稿", publish: "发布", saved: "草稿已保存",
    publishedOk: "模板已发布(版本 {{version}})", variants: "按渠道定制", addVariant: "添加渠道定制",
    variantHint: "留空的部分使用上面的通用内容", removeVariant: "移除",
    preview: "预览", record: "记录", recordHint: "选择一条记录", channel: "渠道", lang: "语言", render: "预览",
    noChannel: "(通用内容)", rendered: "预览结果", previewError: "模板有误", needForm: "请先选择关联表单",
    keyHint: "小写字母、数字和下划线,以字母开头", keyInvalid: "标识只能包含小写字母、数字和下划线,且以字母开头",
    required: "请填写{{what}}", empty: "还没有模板", newTitle: "新建模板", editTitle: "编辑模板“{{name}}”",
    variables: "可用变量:record.字段标识、related、recipient.name、app、link、now",
  },
  deliveries: {
    channel: "渠道", state: "状态", allChannels: "全部渠道", allStates: "全部状态", to: "接收方", subject: "标题",
    attempts: "尝试次数", error: "错误", created: "创建时间", sentAt: "发送时间", latency: "耗时",
    event: "通知", note: "说明", record: "记录", empty: "暂无投递记录", log: "尝试记录", attempt: "第 {{n}} 次",
    at: "时间", status: "结果", answer: "返回", body: "内容", loadMore: "加载更多", ms: "{{n}} 毫秒",
  },
  record: { empty: "还没有关于此记录的消息", to: "发给" },
  state: { queued: "排队中", held: "暂缓", sending: "发送中", retrying: "待重试", sent: "已发送", failed: "失败", skipped: "已跳过" },
};

export default zh;
