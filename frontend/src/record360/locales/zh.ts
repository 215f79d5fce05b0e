/** 记录 360 页面的文字(命名空间 "record360")。 */
const zh = {
  activity: "动态",
  figures: { title: "关键指标", empty: "—" },
  filter: { all: "全部", change: "变更", related: "关联记录", message: "消息", flow: "流程", comment: "评论" },
  empty: "暂无动态",
  loadMore: "加载更多",
  system: "系统",
  open: "打开",
  comment: {
    placeholder: "写评论,输入 @ 提及同事", send: "发表评论", sent: "评论已发表", edit: "编辑", save: "保存",
    cancel: "取消", delete: "删除", deleted: "评论已删除", confirmDelete: "删除这条评论?", edited: "已编辑",
    saved: "评论已保存", tooLong: "评论最多 {{max}} 个字", mentioned: "提及", noUsers: "没有找到用户",
  },
  action: { comment: "评论", comment_edit: "编辑评论", comment_delete: "删除评论" },
  count: "{{count}} 条",
};
export default zh;
