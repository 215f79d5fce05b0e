/** 界面文字(简体中文,默认)。 */
const zh = {
  app: { name: "Trellis", tagline: "低代码业务平台" },
  common: {
    ok: "确定", cancel: "取消", save: "保存", delete: "删除", edit: "编辑", create: "新建", close: "关闭",
    reload: "刷新", loading: "加载中…", yes: "是", no: "否", none: "无", search: "搜索", back: "返回",
    confirmDelete: "确定删除这条记录吗?", deleted: "已删除", saved: "已保存", more: "更多", apply: "应用",
    clear: "清除", actions: "操作", unknown: "未知", retry: "重试", notFound: "页面不存在", home: "返回首页",
    forbidden: "没有权限访问该页面", select: "请选择", empty: "暂无数据", download: "下载",
    newVersion: "界面已更新,请刷新页面", pageError: "页面出错了",
  },
  login: {
    title: "登录", username: "用户名", password: "密码", submit: "登录", required: "请输入{{what}}",
    failed: "登录失败", badCredentials: "用户名或密码不正确,或账号已停用", welcome: "欢迎使用 Trellis",
  },
  header: { apps: "应用", language: "语言", logout: "退出登录", admin: "管理员", roles: "角色" },
  menu: { forms: "表单", views: "视图", shared: "共享视图", personal: "我的视图", design: "设计表单", newForm: "新建表单" },
  grid: {
    search: "搜索记录", filter: "筛选", filterActive: "筛选({{n}})", columns: "列", 
    mode: { grid: "表格", kanban: "看板", calendar: "日历" },
    pages: "分页", loadMore: "加载更多", infinite: "滚动加载", noMore: "没有更多了",
    selected: "已选 {{n}} 条", bulkEdit: "批量修改", bulkDelete: "批量删除",
    bulkDeleteConfirm: "确定删除选中的 {{n}} 条记录吗?", bulkField: "字段", bulkValue: "新值",
    bulkDone: "已更新 {{n}} 条记录", bulkDeleted: "已删除 {{n}} 条记录", export: "导出",
    exporting: "正在导出 {{done}} / {{total}}", exported: "已导出 {{n}} 条记录", saveView: "保存视图",
    viewName: "视图名称", viewShared: "共享给其他人", viewSaved: "视图已保存", viewDeleted: "视图已删除",
    deleteView: "删除视图", deleteViewConfirm: "确定删除视图“{{name}}”吗?", groupBy: "分组字段",
    dateField: "日期字段", noGroupField: "此表单没有单选字段,无法使用看板",
    noDateField: "此表单没有日期字段,无法使用日历", sortHint: "点击表头排序,按住 Shift 点击可多列排序",
    clearSort: "清除排序", editCell: "双击编辑", staleTitle: "记录已被他人修改",
    staleBody: "这条记录在你编辑期间已被其他人修改。请刷新后再修改。", reloadRecord: "刷新记录",
    filterTitle: "筛选条件", clearFilter: "清除筛选", showColumns: "显示列", resetColumns: "恢复默认",
    moved: "已移动到“{{to}}”", cardLimit: "仅显示前 {{n}} 条", more: "还有 {{n}} 条",
    dayRecords: "{{n}} 条", viewUpdated: "视图已更新", updateView: "更新视图", saveAsNew: "另存为新视图",
    resetView: "恢复视图设置",
  },
  record: {
    new: "新建{{form}}", edit: "编辑{{form}}", created: "已创建", updated: "已保存", details: "详细信息",
    history: "变更记录", related: "相关记录", noHistory: "暂无变更记录", fixErrors: "请修正标出的字段后再保存",
    created_at: "创建时间", updated_at: "更新时间", created_by: "创建人", updated_by: "更新人", version: "版本",
    other: "其他", openFull: "打开详情页", action: { create: "创建", update: "修改", delete: "删除", restore: "恢复" },
    by: "{{user}} {{action}}于 {{at}}", emptyValue: "(空)", system: "系统", addRow: "添加一行",
    removeRow: "删除此行", upload: "上传文件", uploading: "正在上传…", uploadFailed: "上传失败",
    jsonInvalid: "不是有效的 JSON", searchUser: "搜索人员", searchRecord: "搜索记录", auto: "保存后自动生成",
    notFound: "记录不存在或无权查看", conflict: "记录已被他人修改,请刷新后重试",
  },
  validation: {
    required: "必填", maxLength: "最多 {{limit}} 个字符", minLength: "至少 {{limit}} 个字符",
    maximum: "不能大于 {{limit}}", minimum: "不能小于 {{limit}}", pattern: "格式不正确", enum: "不是有效的选项",
    type: "类型不正确", maxItems: "最多 {{limit}} 项", minItems: "至少 {{limit}} 项", format: "格式不正确",
  },
  designer: { loading: "正在加载表单设计器…" },
};

export default zh;
export type Strings = typeof zh;
