/**
 * Loads what only an applicant who submits needs, once and on demand: validation (zod and the
 * schemas) and the check-and-send step (with the Actions client). The island starts the load on
 * the first focus in the form, so a reader who never touches the form downloads neither.
 */
type ValidationModule = typeof import('../../lib/forms/validation.ts');
type CheckStepModule = typeof import('./check-step.ts');

let validation: Promise<ValidationModule> | undefined;
let checkStep: Promise<CheckStepModule> | undefined;

/** Starts loading both modules, unless it has already started. */
export function loadOnDemand(): void {
  if (validation) return;
  validation = import('../../lib/forms/validation.ts');
  checkStep = import('./check-step.ts');
  // A failed load (offline, or a new deployment) is handled where the modules are awaited.
  validation.catch(() => {});
  checkStep.catch(() => {});
}

/** The validation module; rejects when it cannot load. */
export function validationModule(): Promise<ValidationModule> {
  loadOnDemand();
  return validation as Promise<ValidationModule>;
}

/** The check step's module; rejects when it cannot load. */
export function checkStepModule(): Promise<CheckStepModule> {
  loadOnDemand();
  return checkStep as Promise<CheckStepModule>;
}
