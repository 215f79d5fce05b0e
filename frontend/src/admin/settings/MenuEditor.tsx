/** Arranging the side menu: named groups, each a list of entries (forms, views, reports,
 * dashboards) dragged within and between groups (dnd-kit: the mouse after 4 px, a finger after a
 * short press, the keyboard with space) or moved with the arrows; the entries not in the menu
 * below, dragged or "put into" a group. */
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from "@ant-design/icons";
import {
  closestCenter, DndContext, KeyboardSensor, MouseSensor, TouchSensor, useDroppable, useSensor, useSensors, type DragEndEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, Card, Dropdown, Input, Space, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { entryId, type MenuEntry, type MenuGroup } from "../../shell/appMenu";
import { usePhone } from "../../shell/usePhone";
import { useAdminText } from "../i18n";
import { locate, moveGroup, place, step, unplace } from "./model";

const COLORS = { form: "blue", view: "cyan", report: "purple", dashboard: "gold" } as const;

interface Props {
  menu: MenuGroup[];
  pool: MenuEntry[];
  name: (type: string, key: string) => string;
  onChange: (menu: MenuGroup[]) => void;
}

function Row({ id, children, testId }: { id: string; children: ReactNode; testId: string }) {
  const { setNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({ id });
  return (
    <div ref={setNodeRef} data-testid={testId} data-entry={id} className="trellis-menu-entry"
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.5 : 1, display: "flex",
        alignItems: "center", gap: 6, padding: "4px 6px", border: "1px solid #f0f0f0", borderRadius: 6, background: "#fff",
        marginBottom: 4 }}>
      <span {...listeners} {...attributes} style={{ cursor: "grab", touchAction: "none", color: "#999" }}><HolderOutlined /></span>
      {children}
    </div>
  );
}

function Zone({ id, children, empty }: { id: string; children: ReactNode; empty: string }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div ref={setNodeRef} data-testid={`zone-${id}`}
      style={{ minHeight: 36, padding: 4, borderRadius: 6, background: isOver ? "#e6f4ff" : "#fafafa" }}>
      {children}
      {!children || (Array.isArray(children) && children.length === 0)
        ? <Typography.Text type="secondary" style={{ padding: 6, display: "block" }}>{empty}</Typography.Text> : null}
    </div>
  );
}

export default function MenuEditor({ menu, pool, name, onChange }: Props) {
  const { t } = useAdminText();
  const phone = usePhone();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const entryOf = (id: string): MenuEntry => {
    const cut = id.indexOf(":");
    return { type: id.slice(0, cut) as MenuEntry["type"], key: id.slice(cut + 1) };
  };
  const onEnd = (e: DragEndEvent) => {
    const active = String(e.active.id);
    const over = e.over ? String(e.over.id) : null;
    if (!over || over === active) return;
    if (over === "pool") { onChange(unplace(menu, active)); return; }
    if (over.startsWith("group:")) { const g = Number(over.slice(6)); onChange(place(menu, entryOf(active), g, menu[g].items.length)); return; }
    const target = locate(menu, over);
    if (!target) { onChange(unplace(menu, active)); return; }
    const from = locate(menu, active);
    const index = from && from[0] === target[0] && from[1] < target[1] ? target[1] + 1 : target[1];
    onChange(place(menu, entryOf(active), target[0], index));
  };
  const label = (e: MenuEntry) => (
    <>
      <Tag color={COLORS[e.type]} style={{ marginInlineEnd: 0 }}>{t(`settings.menu.kind.${e.type}`)}</Tag>
      <span style={{ flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
        {name(e.type, e.key)}
      </span>
    </>
  );
  const setGroup = (g: number, patch: Partial<MenuGroup>) => onChange(menu.map((x, i) => (i === g ? { ...x, ...patch } : x)));
  const icon = (title: string, node: ReactNode, onClick: () => void, testId: string, disabled = false) => (
    <Tooltip title={title}><Button size="small" type="text" icon={node} onClick={onClick} disabled={disabled}
      aria-label={title} data-testid={testId} /></Tooltip>
  );

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onEnd}>
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        {menu.map((g, gi) => (
          <Card key={gi} size="small" data-testid={`menu-group-${gi}`}
            title={
              <Space wrap size={6} style={{ width: "100%", padding: "6px 0" }}>
                <Input size="small" style={{ width: phone ? 150 : 180 }} value={g.label?.zh ?? ""}
                  placeholder={t("settings.menu.unnamed", { n: gi + 1 })} aria-label={t("settings.menu.group")}
                  data-testid={`group-name-${gi}`} onChange={(ev) => setGroup(gi, { label: { ...g.label, zh: ev.target.value } })} />
                <Input size="small" style={{ width: phone ? 150 : 160 }} value={g.label?.en ?? ""}
                  placeholder={t("settings.menu.groupEn")} aria-label={t("settings.menu.groupEn")}
                  onChange={(ev) => setGroup(gi, { label: { ...g.label, en: ev.target.value } })} />
              </Space>
            }
            extra={
              <Space size={0}>
                {icon(t("settings.menu.groupUp"), <ArrowUpOutlined />, () => onChange(moveGroup(menu, gi, gi - 1)), `group-up-${gi}`, gi === 0)}
                {icon(t("settings.menu.groupDown"), <ArrowDownOutlined />, () => onChange(moveGroup(menu, gi, gi + 1)), `group-down-${gi}`, gi === menu.length - 1)}
                {icon(t("settings.menu.removeGroup"), <DeleteOutlined />, () => onChange(menu.filter((_, i) => i !== gi)), `group-remove-${gi}`)}
              </Space>
            }>
            <SortableContext id={`group:${gi}`} items={g.items.map(entryId)} strategy={verticalListSortingStrategy}>
              <Zone id={`group:${gi}`} empty={t("settings.menu.empty")}>
                {g.items.map((e) => (
                  <Row key={entryId(e)} id={entryId(e)} testId={`menu-entry-${entryId(e)}`}>
                    {label(e)}
                    {icon(t("settings.menu.up"), <ArrowUpOutlined />, () => onChange(step(menu, entryId(e), -1)), `up-${entryId(e)}`)}
                    {icon(t("settings.menu.down"), <ArrowDownOutlined />, () => onChange(step(menu, entryId(e), 1)), `down-${entryId(e)}`)}
                    {icon(t("settings.menu.remove"), <CloseOutlined />, () => onChange(unplace(menu, entryId(e))), `remove-${entryId(e)}`)}
                  </Row>
                ))}
              </Zone>
            </SortableContext>
          </Card>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => onChange([...menu, { label: {}, items: [] }])} data-testid="menu-add-group">
          {t("settings.menu.addGroup")}
        </Button>
        <Card size="small" title={t("settings.menu.pool")} data-testid="menu-pool">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t("settings.menu.poolHelp")}</Typography.Paragraph>
          <SortableContext id="pool" items={pool.map(entryId)} strategy={verticalListSortingStrategy}>
            <Zone id="pool" empty="—">
              {pool.map((e) => (
                <Row key={entryId(e)} id={entryId(e)} testId={`pool-entry-${entryId(e)}`}>
                  {label(e)}
                  <Dropdown trigger={["click"]} disabled={!menu.length}
                    menu={{ items: menu.map((g, gi) => ({ key: String(gi), label: g.label?.zh || t("settings.menu.unnamed", { n: gi + 1 }) })),
                      onClick: ({ key }) => onChange(place(menu, e, Number(key), menu[Number(key)].items.length)) }}>
                    <Button size="small" data-testid={`add-${entryId(e)}`}>{t("settings.menu.add")}</Button>
                  </Dropdown>
                </Row>
              ))}
            </Zone>
          </SortableContext>
        </Card>
      </Space>
    </DndContext>
  );
}
