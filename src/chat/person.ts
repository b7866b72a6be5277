import type { Person } from './events.js';

/** The same person: by Entra object id when both have one (MRIs differ across clients), else by MRI. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.id === b.id;
}
