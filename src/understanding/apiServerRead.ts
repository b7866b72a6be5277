import type { CommandKind } from '../commands/grammar.js';
import type { Entity } from './entities.js';

/** Words that name the cluster's API server (normalised: "control plane", "kubernetes api" are `apiserver`). */
const API_SERVER = /^(?:apiserver|kubectl|controlplane|authorizedranges)$/;

/**
 * Round 11a: a question about who can reach the API server ("can anyone on the internet hit our api server?") is its
 * ranges; it is never the exposure of the cluster's Services, which the message does not name.
 */
export function exposureOfApiServer(kind: CommandKind, tokens: readonly string[], entities: readonly Entity[]): boolean {
  return kind === 'exposure' && tokens.some((w) => API_SERVER.test(w)) && !entities.some((e) => e.type === 'NAME' || e.type === 'NS');
}
