import type { WorldState } from '../world.js';
import { seedArm } from './arm.js';
import { seedKube } from './kube.js';

export { seedArm, buildPricings, SANDBOX_TENANT_ID } from './arm.js';
export { IMAGES, REGISTRIES, SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, imageReference } from './images.js';
export type { SandboxImage, SandboxRegistry } from './images.js';
export {
  ASSESSMENT_KEY_MDVM,
  ASSESSMENT_KEY_QUALYS,
  addManyFindings,
  addRegistryFindings,
  assessmentId,
  registryRecord,
  stableUuid,
} from './findings.js';
export type { FindingShape, FindingsOptions, RegistryRecord } from './findings.js';
export { buildKubernetesLb, buildNsg, buildPublicIp, nodeResourceGroupName } from './network.js';

/** A fresh sandbox world: ARM resources first, then each cluster's Kubernetes objects. */
export function seedWorld(): WorldState {
  const state = seedArm();
  seedKube(state);
  return state;
}
