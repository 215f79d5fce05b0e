/** Vitest setup: the server's core field types and their traits (the fixture is GET
 * /field-types' answer, checked against the server by tests/forms/test_field_type_traits.py)
 * as the session would have loaded them. */
import { setFieldTypes } from "../../api/fieldTypes";
import type { FieldTypesReply } from "../../api/types";
import fixture from "./field-types.json";

setFieldTypes(fixture as unknown as FieldTypesReply);
