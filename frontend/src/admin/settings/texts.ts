/** The settings page's texts, in Chinese and English (namespace "admin", section "settings"). */
export const zh = {
  title: "应用设置",
  intro: "应用的名称、图标、左侧菜单的分组与顺序,以及打开应用时看到的首页。改好后点“发布”,所有人刷新即可看到。",
  basics: "基本信息",
  name: "名称", nameRequired: "请填写应用的中文名称", nameEn: "英文名称(可不填)", nameEnHelp: "不填时英文界面也显示中文名称",
  icon: "图标",
  menu: {
    title: "菜单", help: "拖动表单、视图、报表和仪表盘排列菜单,也可以用上下箭头。分组名称显示在菜单里。",
    group: "分组名称", groupEn: "英文(可不填)", unnamed: "分组 {{n}}", addGroup: "添加分组", removeGroup: "删除分组",
    groupUp: "分组上移", groupDown: "分组下移", up: "上移", down: "下移", remove: "移出菜单",
    pool: "未放入菜单", poolHelp: "拖到上面的分组里;未放入菜单的表单显示在菜单最后的“表单”组里。", add: "放入", empty: "拖到这里",
    kind: { form: "表单", view: "视图", report: "报表", dashboard: "仪表盘" },
    reset: "恢复默认顺序",
  },
  home: {
    title: "首页", help: "打开应用时首先看到的页面。", default: "默认(第一个有权限的表单)", dashboard: "仪表盘", form: "表单",
    pick: "请选择",
  },
  publish: "发布", publishing: "正在发布…", published: "已发布,菜单已更新", nothing: "没有改动需要发布",
  confirm: { title: "发布应用设置", intro: "发布后将发生以下变化:", ok: "发布", cancel: "取消" },
  changes: {
    first: "第一次发布这个应用", name: "名称:{{from}} → {{to}}", nameEn: "英文名称:{{from}} → {{to}}",
    icon: "图标:{{from}} → {{to}}", home: "首页:{{from}} → {{to}}", none: "无",
    menuFirst: "菜单改为按分组排列", groupAdded: "新增分组「{{group}}」:{{items}}", groupRemoved: "删除分组「{{group}}」",
    groupRenamed: "分组「{{from}}」改名为「{{to}}」", groupItems: "「{{group}}」组的顺序:{{items}}", empty: "(空)",
    other: "其他设置:{{keys}}",
  },
  unsaved: "有未发布的修改",
};
export const en: typeof zh = {
  title: "App settings",
  intro: "The app's name and icon, the groups and order of the side menu, and the page the app opens on. Press “Publish” when done; everyone sees it after a refresh.",
  basics: "Basics",
  name: "Name", nameRequired: "Enter the app's Chinese name", nameEn: "English name (optional)", nameEnHelp: "Left empty, the English screens show the Chinese name",
  icon: "Icon",
  menu: {
    title: "Menu", help: "Drag forms, views, reports and dashboards to arrange the menu, or use the arrows. Group names show in the menu.",
    group: "Group name", groupEn: "English (optional)", unnamed: "Group {{n}}", addGroup: "Add a group", removeGroup: "Remove the group",
    groupUp: "Move the group up", groupDown: "Move the group down", up: "Move up", down: "Move down", remove: "Take out of the menu",
    pool: "Not in the menu", poolHelp: "Drag into a group above; forms left out show in a last “Forms” group of the menu.", add: "Add to", empty: "Drop here",
    kind: { form: "Form", view: "View", report: "Report", dashboard: "Dashboard" },
    reset: "Back to the default order",
  },
  home: {
    title: "Home page", help: "What opening the app shows first.", default: "Default (the first form the user may open)",
    dashboard: "Dashboard", form: "Form", pick: "Choose",
  },
  publish: "Publish", publishing: "Publishing…", published: "Published; the menu is updated", nothing: "Nothing to publish",
  confirm: { title: "Publish the app settings", intro: "Publishing changes this:", ok: "Publish", cancel: "Cancel" },
  changes: {
    first: "The app is published for the first time", name: "Name: {{from}} → {{to}}", nameEn: "English name: {{from}} → {{to}}",
    icon: "Icon: {{from}} → {{to}}", home: "Home page: {{from}} → {{to}}", none: "none",
    menuFirst: "The menu is arranged in groups", groupAdded: "New group “{{group}}”: {{items}}", groupRemoved: "Group “{{group}}” removed",
    groupRenamed: "Group “{{from}}” renamed “{{to}}”", groupItems: "Group “{{group}}” in order: {{items}}", empty: "(empty)",
    other: "Other settings: {{keys}}",
  },
  unsaved: "Unpublished changes",
};
