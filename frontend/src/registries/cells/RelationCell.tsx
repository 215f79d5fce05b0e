/** A related record by its title, linking to its page. */
import { Link } from "react-router-dom";
import { idOf } from "../entities";
import { relationLabel } from "../format";
import type { CellProps } from "../types";

export default function RelationCell({ field, value, ctx }: CellProps) {
  const id = idOf(value);
  if (id == null || !field.target) return null;
  return (
    <Link to={`/apps/${ctx.app}/forms/${field.target}/records/${id}`} onClick={(e) => e.stopPropagation()}>
      {relationLabel(field, value)}
    </Link>
  );
}
