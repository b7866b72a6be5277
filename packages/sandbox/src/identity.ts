/** The Entra object id Palisade's sandbox identity has: what ARM role assignments and Kubernetes RBAC bindings name. */
export const PALISADE_SANDBOX_PRINCIPAL_ID = '5a1e0b0e-0000-4000-8000-00000000a15d';
