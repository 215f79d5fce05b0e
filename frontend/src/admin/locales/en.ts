/** Administration texts (English). One section a page, kept in the page folder's texts.ts. */
import * as audit from "../audit/texts";
import * as departments from "../departments/texts";
import * as roles from "../roles/texts";
import * as settings from "../settings/texts";
import * as tokens from "../tokens/texts";
import * as users from "../users/texts";
import * as me from "../../me/texts";

const en = {
  nav: {
    title: "Administration", users: "Users", departments: "Departments", roles: "Roles & permissions",
    tokens: "API tokens", audit: "Audit log", settings: "App settings", notifications: "Channels & templates",
    calendar: "Working calendar", classic: "Classic security pages",
  },
  me: me.en, users: users.en, departments: departments.en, roles: roles.en, settings: settings.en, tokens: tokens.en, audit: audit.en,
};
export default en;
