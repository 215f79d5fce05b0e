/** The props the host's registries give a widget and a cell (frontend/src/registries/types.ts),
 * as far as the rating uses them, and the field's number of stars. */
export interface RatingField {
  id: string;
  type: string;
  max?: number;
}

export interface WidgetProps {
  field: RatingField;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  id?: string;
}

export interface CellProps {
  field: RatingField;
  value: unknown;
}

/** The field's `max` when it is a whole number 3–10 (as the server checks it), else 5. */
export function most(field: RatingField): number {
  const m = field.max;
  return typeof m === "number" && Number.isInteger(m) && m >= 3 && m <= 10 ? m : 5;
}
