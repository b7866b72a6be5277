/** Plain shapes the Kubernetes wrappers return; no client-node types leak past src/kube. */

export interface ServicePort {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceInfo {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  type: string;
  clusterIP?: string;
  ports: ServicePort[];
  selector: Record<string, string>;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  loadBalancerSourceRanges: string[];
  /** `status.loadBalancer.ingress[].ip` (or hostname). */
  ingressIps: string[];
  internal: boolean;
}

export interface ContainerInfo {
  name: string;
  image: string;
  ports: number[];
  env: Array<{ name: string; value?: string; from?: string }>;
}

export interface DeploymentInfo {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  replicas: number;
  readyReplicas: number;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  containers: ContainerInfo[];
}

export interface PodInfo {
  namespace: string;
  name: string;
  phase: string;
  labels: Record<string, string>;
  nodeName?: string;
  podIP?: string;
  containers: Array<{ name: string; image: string; imageID?: string; digest?: string; ready: boolean }>;
}

export interface ConfigMapInfo {
  namespace: string;
  name: string;
  data: Record<string, string>;
}

export interface NetworkPolicyInfo {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  labels: Record<string, string>;
  podSelector: Record<string, unknown>;
  policyTypes: string[];
  /** The spec as stored (plain JSON), for diffs and cards. */
  spec: Record<string, unknown>;
}

export interface IngressInfo {
  namespace: string;
  name: string;
  className?: string;
  hosts: string[];
  backends: Array<{ host?: string; path?: string; service: string; port?: number | string }>;
  addresses: string[];
  tls: boolean;
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  phase: string;
}
