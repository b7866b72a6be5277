import type { VulnPageData } from '../operations/images/vulnerabilities.js';
import type { DonutView, GaugeView, LineView, StackedBarsView } from './charts.js';

/**
 * View models for the card templates in `cards/*.json`: what each template needs, nothing more.
 * Optional fields are simply left out (never pass placeholders); display text is pre-formatted by the caller.
 */

/** Severity of a finding. critical/high → red, medium → amber, low/info → neutral, ok → green. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'ok';

/** Tone of a simple message; maps to the Adaptive Card container style. */
export type Tone = 'default' | 'good' | 'warning' | 'attention';

export interface Fact {
  title: string;
  value: string;
}

// ---- help.json ----
export interface HelpCommand {
  usage: string;
  summary: string;
  example: string;
}
export interface HelpSection {
  area: string;
  commands: HelpCommand[];
}
export interface HelpCardModel {
  title: string;
  intro: string;
  sections: HelpSection[];
}

// ---- message.json ----
export interface MessageCardModel {
  title: string;
  text: string;
  facts?: Fact[];
  /** Colours the card; default is neutral. */
  severity?: Tone;
  nextStep?: string;
}

// ---- error.json ----
export type ErrorCardModel =
  | { kind: 'user'; message: string; nextStep?: string }
  | { kind: 'internal'; ref: string };

// ---- clusters.json ----
export interface ClusterRow {
  name: string;
  subscription: string;
  resourceGroup: string;
  location: string;
  apiServer: 'public' | 'private';
  isDefault: boolean;
}
export interface ClustersCardModel {
  title: string;
  clusters: ClusterRow[];
  /** e.g. "Set the default with: use cluster <name>". */
  footer?: string;
}

// ---- choice.json ----
export interface ChoiceOption {
  /** Button label. */
  title: string;
  /** The command text sent back when clicked, e.g. "status on aks-prod". */
  command: string;
}
export interface ChoiceCardModel {
  question: string;
  detail?: string;
  /** At most 6 buttons render well in Teams; page or narrow the list before. */
  choices: ChoiceOption[];
}

// ---- status.json ----
export interface StatusCluster {
  name: string;
  subscription: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
}
export interface Finding {
  /** Stable id to refer to the finding in commands (e.g. "cp-open"); optional. */
  id?: string;
  severity: Severity;
  title: string;
  /** One short sentence: why it matters. */
  why: string;
  /** Optional one-line detail shown small, e.g. "20.1.2.3 · TCP 80, 443 · from the whole internet". */
  detail?: string;
}
export interface PostureArea {
  /** "Control plane", "Workload exposure", "Network policy", "Images". */
  name: string;
  /** One line, e.g. "Public API server, open to the internet". */
  summary: string;
  facts: Fact[];
  findings: Finding[];
}
export interface StatusCardModel {
  cluster: StatusCluster;
  /** 0..100; ≥ 80 green, ≥ 50 amber, else red. */
  score: number;
  /** e.g. "2 critical · 1 high · 2 medium". */
  headline?: string;
  /** When the data was read, pre-formatted. */
  checkedAt?: string;
  /** The score as a gauge (Chart.Gauge, text fallback). */
  gauge: GaugeView;
  /** Findings by severity (Chart.Donut); absent when there are none. */
  donut?: DonutView;
  /** The score over the last days (Chart.Line); absent without history. */
  trend?: LineView;
  areas: PostureArea[];
}

// ---- plan.json ----
export type PlanState = 'pending' | 'approved' | 'applying' | 'applied' | 'failed' | 'unknown' | 'rejected' | 'expired' | 'refused';
export type PlanRisk = 'narrows' | 'widens' | 'neutral';
export interface PlanRow {
  label: string;
  before: string;
  after: string;
}
export interface PlanCardModel {
  planId: string;
  /** e.g. "Allowlist 203.0.113.7/32 on aks-workshop". */
  title: string;
  state: PlanState;
  /** Badge text, e.g. "Pending approval", "Approved by Alex Kim", "Applied". */
  stateLabel: string;
  requester: string;
  created: string;
  expires: string;
  risk: PlanRisk;
  /** e.g. "Narrows access: fewer addresses can reach the API server". */
  riskText: string;
  rows: PlanRow[];
  warnings: string[];
  /** e.g. "Sandbox: you may approve your own request". */
  note?: string;
  /** How Kubernetes was reached when not directly, e.g. "Via AKS Run Command: …". */
  via?: string;
  /** e.g. "Updating the cluster (about 2 minutes)…". */
  progress?: string;
  /** Read back after apply. */
  result?: Fact[];
  /** `live`: what live state showed after the error ("Nothing was changed: …", "Outcome unknown: …"). */
  error?: { reason: string; nextStep: string; live?: string };
  /** Collapsible details; build `lines` with `detailLines()` (src/text/lines.ts) so indentation survives. */
  details?: { title: string; lines: string[] };
  showApproveReject: boolean;
  showRevert: boolean;
  /** MRIs (29:…) that get an automatic refresh; at most 60. */
  refreshUserIds: string[];
}

// ---- audit.json ----
export type AuditOutcome = 'ok' | 'failed' | 'refused' | 'pending';
export interface AuditRow {
  when: string;
  who: string;
  kind: string;
  cluster: string;
  summary: string;
  outcome: AuditOutcome;
}
export interface AuditCardModel {
  title: string;
  entries: AuditRow[];
  /** e.g. "Showing 20 of 134. Say: audit page 2". */
  footer?: string;
}

// ---- approvals.json ----
export interface ApprovalRow {
  planId: string;
  title: string;
  cluster: string;
  requester: string;
  expires: string;
  /** Link text, e.g. "Open the request". Shown as a link when `url` is set, else as a hint. */
  linkText: string;
  /** Deep link to the request's card message. */
  url?: string;
}
export interface ApprovalsCardModel {
  title: string;
  approvals: ApprovalRow[];
  /** Shown when `approvals` is empty. */
  emptyText: string;
}

// ---- vulnerabilities.json ----
/** One labelled row: a severity-style label on the left, a bold line and an optional subtle line. */
export interface LabelledRow {
  /** e.g. "CRITICAL", "OK", "N/A". */
  label: string;
  color: 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
  title: string;
  detail?: string;
}
/** What a paging button carries: the page and the filters, nothing else (the click re-queries). */
export interface VulnerabilitiesCardModel {
  title: string;
  /** Subscription, cluster and filters, one line. */
  scope: string;
  headline: string;
  tone: Tone;
  /** Severity tiles, e.g. { label: 'Critical', value: '4', color: 'Attention' }. */
  counts: Array<{ label: string; value: string; color: LabelledRow['color'] }>;
  facts: Fact[];
  notes: Array<{ text: string }>;
  topCves: LabelledRow[];
  imagesTitle?: string;
  images: LabelledRow[];
  /** e.g. "and 12 more images: narrow with vulnerabilities <repository>". */
  imagesMore?: string;
  findingsTitle?: string;
  findings: LabelledRow[];
  footer?: string;
  previous?: VulnPageData;
  next?: VulnPageData;
  links: Array<{ title: string; url: string }>;
}

// ---- defender.json ----
export interface DefenderSubscription {
  /** e.g. "Subscription 2222…2222". */
  name: string;
  /** e.g. "Clusters: aks-prod". */
  detail: string;
  /** e.g. "ON", "OFF", "NO ACCESS". */
  badge: string;
  color: LabelledRow['color'];
  facts: Fact[];
  notes: Array<{ text: string }>;
}
export interface DefenderCardModel {
  title: string;
  text: string;
  tone: Tone;
  subscriptions: DefenderSubscription[];
  scanning?: string;
  /** At most 6 buttons; each runs its command. */
  choices: ChoiceOption[];
  links: Array<{ title: string; url: string }>;
}

export interface CardModels {
  help: HelpCardModel;
  message: MessageCardModel;
  error: ErrorCardModel;
  clusters: ClustersCardModel;
  choice: ChoiceCardModel;
  status: StatusCardModel;
  plan: PlanCardModel;
  audit: AuditCardModel;
  approvals: ApprovalsCardModel;
  vulnerabilities: VulnerabilitiesCardModel;
  defender: DefenderCardModel;
}

export type CardName = keyof CardModels;
export const CARD_NAMES: readonly CardName[] = ['help', 'message', 'error', 'clusters', 'choice', 'status', 'plan', 'audit', 'approvals', 'vulnerabilities', 'defender', 'digest', 'trend'];

// ---- digest.json ----
/** One labelled line of a digest: a coloured label (NEW, FIXED, HIGH…) left, a bold line and a subtle one. */
export interface DigestRow {
  label: string;
  color: 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
  title: string;
  detail?: string;
}
export interface DigestFinding extends DigestRow {
  /** One short sentence: why it matters. */
  why: string;
  /** e.g. "id wl.public-open.ratingsapp.ratings-web · CIS AKS 5.4.1". */
  ref: string;
  /** A button that runs `command` (Action.Execute "choose"), which opens the usual plan/approval flow. */
  fix?: { title: string; command: string };
}
export interface DigestArea {
  name: string;
  summary: string;
  findings: DigestFinding[];
}
export interface DigestCluster {
  name: string;
  /** Subscription · resource group · location. */
  detail: string;
  score: string;
  scoreColor: 'Good' | 'Warning' | 'Attention';
  /** e.g. "▲ +12 since Fri 27 Nov 09:00 CET", "first digest here". */
  trend: string;
  /** New and fixed findings since the last digest in this conversation. */
  changes: DigestRow[];
  areas: DigestArea[];
  /** e.g. "3 more findings: say status on aks-prod". */
  more?: string;
}
/** What a "show more" button carries: the stored digest run and the page. */
export interface DigestPageData {
  run: string;
  page: number;
}
export interface DigestCardModel {
  title: string;
  /** Schedule, time and scope, one line. */
  subtitle: string;
  headline: string;
  tone: Tone;
  /** One line per cluster (score, counts, trend) when not every cluster is detailed on this page. */
  overviewTitle?: string;
  overview: Fact[];
  clusters: DigestCluster[];
  approvalsTitle?: string;
  approvals: DigestRow[];
  expiringTitle?: string;
  expiring: DigestRow[];
  notes: Array<{ text: string }>;
  /** Page 1: new findings since the last digest here, across clusters, in a highlighted box. */
  newSince?: { title: string; rows: DigestRow[]; more?: string };
  /** Page 1: score over the last 30 days, one line per cluster (those that moved most). */
  trendLine?: LineView;
  /** Page 1: findings by severity, one stacked bar per cluster (the worst, the rest summed). */
  severityBars?: StackedBarsView;
  footer?: string;
  previous?: DigestPageData;
  next?: DigestPageData;
}

export interface CardModels {
  digest: DigestCardModel;
}

// ---- trend.json ----
/** One day the score or the findings changed, and why: applied changes from the audit, fixed and new findings. */
export interface TrendChange {
  /** e.g. "2026-11-28". */
  day: string;
  /** e.g. "▲ 12", "▼ 5", "±0". */
  delta: string;
  color: 'Good' | 'Attention' | 'Default';
  /** e.g. "40 → 52 since 11-27". */
  summary: string;
  rows: LabelledRow[];
}
export interface TrendCardModel {
  /** Cluster name. */
  title: string;
  /** e.g. "Posture score · last 30 days". */
  subtitle: string;
  /** e.g. "52/100 now · ▲ 11 in 30 days". */
  headline: string;
  tone: Tone;
  /** The score line (Chart.Line, FactSet fallback); absent with fewer than two days of history. */
  chart?: LineView;
  /** Said instead of the chart when there is too little history. */
  noChart?: string;
  facts: Fact[];
  changesTitle?: string;
  /** Newest first. */
  changes: TrendChange[];
  more?: string;
}

export interface CardModels {
  trend: TrendCardModel;
}
