/**
 * The field registries of the web UI, keyed by the server's field-type names
 * (`platform/trellis/forms/types/`): an input widget and a grid cell renderer per type.
 * A plugin type without an entry falls back to text. The tables and their lookups live in
 * lookup.ts (widgets that render other widgets, as the sub-table does, read them there).
 * What a type can do is not decided here: see its traits (api/fieldTypes.ts).
 */
import AttachmentCell from "./cells/AttachmentCell";
import BooleanCell from "./cells/BooleanCell";
import ComputedCell from "./cells/ComputedCell";
import DateCell from "./cells/DateCell";
import DepartmentCell from "./cells/DepartmentCell";
import EmailCell from "./cells/EmailCell";
import JsonCell from "./cells/JsonCell";
import NumberCell from "./cells/NumberCell";
import RelationCell from "./cells/RelationCell";
import SelectCell from "./cells/SelectCell";
import SubTableCell from "./cells/SubTableCell";
import TextCell from "./cells/TextCell";
import UrlCell from "./cells/UrlCell";
import UserCell from "./cells/UserCell";
import { lazy } from "react";
import { cellRenderers, fieldWidgets } from "./lookup";
import type { CellRenderer, FieldWidget } from "./types";
import AutoNumberWidget from "./widgets/AutoNumberWidget";
import BooleanWidget from "./widgets/BooleanWidget";
import ComputedWidget from "./widgets/ComputedWidget";
import JsonWidget from "./widgets/JsonWidget";
import LongTextWidget from "./widgets/LongTextWidget";
import NumberWidget from "./widgets/NumberWidget";
import RelationWidget from "./widgets/RelationWidget";
import SelectWidget from "./widgets/SelectWidget";
import TextWidget from "./widgets/TextWidget";
import UserWidget from "./widgets/UserWidget";

/* Widgets built on heavier antd parts (date picker, tree select, upload, table) load when first used;
   render registry widgets inside a <Suspense>. */
const AttachmentWidget = lazy(() => import("./widgets/AttachmentWidget"));
const DateWidget = lazy(() => import("./widgets/DateWidget"));
const DepartmentWidget = lazy(() => import("./widgets/DepartmentWidget"));
const SubTableWidget = lazy(() => import("./widgets/SubTableWidget"));

Object.assign(fieldWidgets, {
  text: TextWidget,
  long_text: LongTextWidget,
  integer: NumberWidget,
  decimal: NumberWidget,
  money: NumberWidget,
  percent: NumberWidget,
  boolean: BooleanWidget,
  date: DateWidget,
  datetime: DateWidget,
  single_select: SelectWidget,
  multi_select: SelectWidget,
  email: TextWidget,
  mobile: TextWidget,
  url: TextWidget,
  auto_number: AutoNumberWidget,
  user: UserWidget,
  department: DepartmentWidget,
  relation: RelationWidget,
  sub_table: SubTableWidget,
  attachment: AttachmentWidget,
  json: JsonWidget,
  formula: ComputedWidget,
  lookup: ComputedWidget,
  rollup: ComputedWidget,
} satisfies Record<string, FieldWidget>);

Object.assign(cellRenderers, {
  text: TextCell,
  long_text: TextCell,
  integer: NumberCell,
  decimal: NumberCell,
  money: NumberCell,
  percent: NumberCell,
  boolean: BooleanCell,
  date: DateCell,
  datetime: DateCell,
  single_select: SelectCell,
  multi_select: SelectCell,
  email: EmailCell,
  mobile: TextCell,
  url: UrlCell,
  auto_number: TextCell,
  user: UserCell,
  department: DepartmentCell,
  relation: RelationCell,
  sub_table: SubTableCell,
  attachment: AttachmentCell,
  json: JsonCell,
  formula: ComputedCell,
  lookup: ComputedCell,
  rollup: ComputedCell,
} satisfies Record<string, CellRenderer>);

export { cellFor, cellRenderers, fieldWidgets, widgetFor } from "./lookup";
