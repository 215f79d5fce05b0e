"""The traits a plain number field has (integer, decimal and money, a plugin's rating):
compared and sorted as a number with the ordered operators, edited in a grid cell,
exported as the number itself, summed and averaged in reports, in the palette's basic
group. A type mixes it in before FieldType and adds its own label, hint and config."""
from __future__ import annotations

from .traits import NUMBER_AGGREGATIONS, ORDERED_OPS


class NumberTraits:
    sql_kind = "number"
    operators = ORDERED_OPS
    inline_editable = True
    export = "as_is"
    aggregations = NUMBER_AGGREGATIONS
    palette_group = "basic"
