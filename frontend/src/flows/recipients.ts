/** Recipient specs as notify/recipients.py reads them: {"user": id}, {"role": key},
 * {"department": id, "head"?: true}, {"field": user field}, {"client": true},
 * {"address": "...", "channel": "email"}. */

export type RecipientKind = "user" | "role" | "department" | "field" | "client" | "address";
export type Recipient = Record<string, unknown>;

export const RECIPIENT_KINDS: RecipientKind[] = ["field", "user", "role", "department", "client", "address"];

/** The kind of a spec (the first kind key it has), "field" when it has none. */
export function recipientKind(spec: Recipient): RecipientKind {
  return RECIPIENT_KINDS.find((k) => k in spec) ?? "field";
}

/** A spec of `kind` with no choice made yet. */
export function blankRecipient(kind: RecipientKind): Recipient {
  switch (kind) {
    case "client": return { client: true };
    case "address": return { address: "", channel: "email" };
    default: return { [kind]: null };
  }
}
