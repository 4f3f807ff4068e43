/**
 * Validating a form's answers on the server, with each form's schema for the system clock built
 * once and kept. (The island loads validation.ts on its own and validates with that.)
 */
import type { z } from 'zod/mini';
import type { Clock } from '../dates.ts';
import type { RawAnswers } from './definition.ts';
import type { AnyForm } from './index.ts';
import { validateWith, type Validation } from './validation.ts';

// Building a schema and zod's first parse with it (which compiles the object check) cost more
// than validating, so each form's schema for the system clock is built once. The clock is read
// when a rule runs, not when the schema is built, so the cached schema never goes stale at
// midnight. Schemas for a given clock (tests) are built each time.
const systemClockSchemas = new WeakMap<AnyForm, z.ZodMiniType>();

function schemaFor(definition: AnyForm, clock: Clock | undefined): z.ZodMiniType {
  if (clock) return definition.schema(clock);
  let schema = systemClockSchemas.get(definition);
  if (!schema) systemClockSchemas.set(definition, (schema = definition.schema()));
  return schema;
}

/** Validates raw answers with the form's schema; field errors keyed by field name (first wins). */
export function validate<F extends AnyForm>(
  definition: F,
  raw: RawAnswers,
  clock?: Clock,
): Validation<z.output<ReturnType<F['schema']>>> {
  const schema = schemaFor(definition, clock) as z.ZodMiniType<z.output<ReturnType<F['schema']>>>;
  return validateWith(schema, raw);
}
