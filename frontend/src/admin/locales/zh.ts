/** 管理后台的界面文字(简体中文)。每个页面一节,写在页面目录的 texts.ts 里。 */
import * as audit from "../audit/texts";
import * as departments from "../departments/texts";
import * as roles from "../roles/texts";
import * as settings from "../settings/texts";
import * as tokens from "../tokens/texts";
import * as users from "../users/texts";
import * as me from "../../me/texts";

const zh = {
  nav: {
    title: "管理后台", users: "用户", departments: "部门", roles: "角色与权限", tokens: "API 令牌",
    audit: "审计日志", settings: "应用设置", notifications: "通知渠道与模板", calendar: "工作日历",
    classic: "旧版安全管理页",
  },
  me: me.zh, users: users.zh, departments: departments.zh, roles: roles.zh, settings: settings.zh, tokens: tokens.zh, audit: audit.zh,
};
export default zh;
