/** The departments page's texts, in Chinese and English (namespace "admin", section "departments"). */
export const zh = {
  title: "部门",
  intro: "拖动部门可以把它移到另一个部门之下。选中部门后可以设置负责人、维护成员。",
  create: "新建部门", createUnder: "新建下级部门", rename: "编辑", delete: "删除", top: "(顶层)",
  dragHint: "拖到某个部门上:成为它的下级;拖到两个部门之间:成为同级",
  moved: "已把“{{name}}”移到“{{parent}}”之下", movedTop: "已把“{{name}}”移到顶层",
  pick: "在左侧选择一个部门", code: "编码", name: "名称", nameEn: "英文名称(可选)", parent: "上级部门",
  manager: "负责人", noManager: "未设置", managerSaved: "负责人已更新", searchUser: "输入姓名或用户名搜索",
  members: "成员", addMember: "添加成员", remove: "移除", primary: "主部门", noMembers: "还没有成员",
  removeConfirm: "把 {{name}} 移出“{{dept}}”?", added: "已添加 {{name}}", removed: "已移出 {{name}}",
  deleteConfirm: "删除部门“{{name}}”?", deleteHelp: "有下级部门或成员的部门不能删除。",
  deleted: "已删除部门“{{name}}”", saved: "已保存", save: "保存", cancel: "取消", ok: "确定",
  required: "请填写{{what}}", codeHelp: "唯一的标识,导入用户时可以用它指代部门",
};

export const en: typeof zh = {
  title: "Departments",
  intro: "Drag a department onto another to move it there. Select a department to set its head and manage its members.",
  create: "New department", createUnder: "New sub-department", rename: "Edit", delete: "Delete", top: "(top level)",
  dragHint: "Drop onto a department to put it under it; between two departments to make it their sibling",
  moved: "Moved “{{name}}” under “{{parent}}”", movedTop: "Moved “{{name}}” to the top level",
  pick: "Select a department on the left", code: "Code", name: "Name", nameEn: "English name (optional)",
  parent: "Parent department", manager: "Head", noManager: "Not set", managerSaved: "Head updated",
  searchUser: "Type a name or username", members: "Members", addMember: "Add member", remove: "Remove",
  primary: "Primary", noMembers: "No members yet", removeConfirm: "Remove {{name}} from “{{dept}}”?",
  added: "Added {{name}}", removed: "Removed {{name}}", deleteConfirm: "Delete department “{{name}}”?",
  deleteHelp: "A department with sub-departments or members cannot be deleted.", deleted: "Department “{{name}}” deleted",
  saved: "Saved", save: "Save", cancel: "Cancel", ok: "OK", required: "{{what}} is required",
  codeHelp: "A unique identifier; a user import may name the department by it",
};
