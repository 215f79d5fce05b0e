/** The rating input: antd Rate with the field's `max` stars (default 5); clicking the chosen
 * star again clears it to 0. */
import { Rate } from "antd";
import { most, type WidgetProps } from "./props";

export default function RatingWidget({ field, value, onChange, disabled, id }: WidgetProps) {
  const stars = typeof value === "number" ? value : value == null || value === "" ? 0 : Number(value) || 0;
  return (
    <Rate
      id={id}
      data-testid={`rating-${field.id}`}
      count={most(field)}
      value={stars}
      disabled={disabled}
      onChange={(v: number) => onChange(v)}
    />
  );
}
