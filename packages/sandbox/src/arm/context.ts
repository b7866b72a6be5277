import type { SandboxTls } from '../tls.js';
import type { World } from '../world.js';
import type { ArmFaults } from './faults.js';
import type { ArmRbac } from './rbac/rbac.js';

/** Emulator settings tests may change while it runs. */
export interface ArmSettings {
  /** How long a cluster PUT stays InProgress. */
  lroDurationMs: number;
  /** Page size for managedClusters lists. */
  pageSize: number;
  assessmentPageSize: number;
  subAssessmentPageSize: number;
  /** Delay before the simulated first Defender scan after Containers turns Standard. */
  firstScanDelayMs: number;
  /** Findings per image the simulated first scan reports. */
  firstScanFindingsPerImage: number;
  /** How long an AKS Run Command's pod takes before the command's result is in (Azure: tens of seconds). */
  runCommandDurationMs: number;
  /** Page size for `GET /subscriptions`. */
  subscriptionPageSize: number;
  /** Base URL of the Kubernetes emulator; a cluster's API server is `${kubeBaseUrl}/clusters/${name}`. */
  kubeBaseUrl?: string;
}

export interface ArmContext {
  world: World;
  tls: SandboxTls;
  faults: ArmFaults;
  settings: ArmSettings;
  endpoint: string;
  rbac: ArmRbac;
  /** Timers the emulator owns (LRO completion, scans); cleared on close. */
  schedule(fn: () => void, ms: number): void;
}
