/** The personal settings page's texts, in Chinese and English (namespace "admin", section "me"). */
export const zh = {
  title: "个人设置",
  mustChange: "管理员为你设置了初始密码,请先设置一个只有你知道的新密码。",
  password: "修改密码", current: "当前密码", next: "新密码", confirm: "再次输入新密码",
  policy: "至少 10 位,须包含字母和数字,不能包含用户名", mismatch: "两次输入的新密码不一致", change: "修改密码",
  changed: "密码已修改", required: "请填写{{what}}",
  language: "界面语言", languageHelp: "保存在服务器上,在任何设备登录时生效。", saved: "已保存",
  notifications: "通知偏好", notificationsHelp: "选择通过哪些渠道接收哪些通知、免打扰时段。", open: "打开通知偏好",
  tokens: "API 令牌", tokensHelp: "程序以你的身份调用接口时使用。", openTokens: "管理我的令牌",
};

export const en: typeof zh = {
  title: "Personal settings",
  mustChange: "An administrator set your password. Please choose a new one that only you know.",
  password: "Change password", current: "Current password", next: "New password", confirm: "New password again",
  policy: "At least 10 characters with letters and digits, not containing your username",
  mismatch: "The two new passwords differ", change: "Change password", changed: "Password changed",
  required: "{{what}} is required",
  language: "Language", languageHelp: "Kept on the server: applied whenever you sign in, on any device.", saved: "Saved",
  notifications: "Notification preferences", notificationsHelp: "Which notifications reach you on which channels, and quiet hours.",
  open: "Open notification preferences",
  tokens: "API tokens", tokensHelp: "For programs calling the API as you.", openTokens: "Manage my tokens",
};
