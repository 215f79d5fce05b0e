/** The conditions of the selected field: when it shows, when it is required, when it is read-only. */
import { CONDITION_KEYS } from '../../model/types';
import type { FieldDef } from '../../model/types';
import ConditionRow from './ConditionRow';

export default function ConditionsTab({ field }: { field: FieldDef }) {
  return (
    <>
      {CONDITION_KEYS.map((which) => (
        <ConditionRow key={which} field={field} which={which} />
      ))}
    </>
  );
}
