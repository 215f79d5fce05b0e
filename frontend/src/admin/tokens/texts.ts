/** The tokens page's texts, in Chinese and English (namespace "admin", section "tokens"). */
export const zh = {
  title: "API 令牌",
  intro: "程序以你的身份调用 Trellis 的接口时使用令牌(Authorization: Bearer trl_…)。令牌只在创建时显示一次。",
  mine: "我的令牌", all: "所有人的令牌", create: "新建令牌", name: "名称", namePlaceholder: "例如:报表同步",
  expiry: "有效期", days: "{{n}} 天", never: "永不过期", apps: "可访问的应用", allApps: "全部应用",
  col: { name: "名称", token: "令牌", owner: "所属用户", apps: "应用", created: "创建时间", lastUsed: "最近使用",
    expires: "过期时间", status: "状态", actions: "操作" },
  status: { active: "有效", revoked: "已吊销", expired: "已过期" },
  revoke: "吊销", revokeConfirm: "吊销令牌“{{name}}”?", revokeHelp: "使用它的程序将立即无法访问。", revoked: "已吊销",
  unused: "从未使用", created: "已创建令牌", onceTitle: "请复制令牌", onceIntro: "令牌“{{name}}”只显示这一次,请立即复制保存:",
  onceHint: "关闭后无法再次查看;遗失后请吊销并新建一个。", copy: "复制", copied: "已复制", done: "我已复制",
  required: "请填写名称", ok: "确定", cancel: "取消", activeOnly: "只看有效的", empty: "还没有令牌",
};

export const en: typeof zh = {
  title: "API tokens",
  intro: "A program calls Trellis's API as you with a token (Authorization: Bearer trl_…). A token is shown only when it is created.",
  mine: "My tokens", all: "Everyone's tokens", create: "New token", name: "Name", namePlaceholder: "e.g. report sync",
  expiry: "Valid for", days: "{{n}} days", never: "Never expires", apps: "Apps it may access", allApps: "All apps",
  col: { name: "Name", token: "Token", owner: "User", apps: "Apps", created: "Created", lastUsed: "Last used",
    expires: "Expires", status: "Status", actions: "Actions" },
  status: { active: "Active", revoked: "Revoked", expired: "Expired" },
  revoke: "Revoke", revokeConfirm: "Revoke token “{{name}}”?", revokeHelp: "Programs using it lose access at once.",
  revoked: "Revoked", unused: "Never", created: "Token created", onceTitle: "Copy the token",
  onceIntro: "Token “{{name}}” is shown only this once; copy it now:",
  onceHint: "It cannot be shown again; if lost, revoke it and create another.", copy: "Copy", copied: "Copied",
  done: "I have copied it", required: "A name is required", ok: "OK", cancel: "Cancel", activeOnly: "Active only",
  empty: "No tokens yet",
};
