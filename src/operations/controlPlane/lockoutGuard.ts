/** What the lockout guard knows of Palisade's own public IPs, said once at start. */
export interface LockoutGuardStatus {
  level: 'info' | 'warn';
  message: string;
  egressIps: readonly string[];
}

export function lockoutGuardStatus(egressIps: readonly string[], mode: 'sandbox' | 'azure'): LockoutGuardStatus {
  if (egressIps.length)
    return {
      level: 'info',
      egressIps,
      message: `lockout guard on: Palisade's egress IPs are ${egressIps.join(', ')} (${mode === 'sandbox' ? 'the sandbox client IP' : 'PALISADE_EGRESS_IPS'}); a range change that leaves them out needs an explicit confirmation and a second approver`,
    };
  return {
    level: 'warn',
    egressIps,
    message:
      "lockout guard on, egress IPs unknown: PALISADE_EGRESS_IPS is not set, so every narrowing of authorized IP ranges is treated as a possible lockout of Palisade (warning on the card, second approver); set PALISADE_EGRESS_IPS to Palisade's outbound public IPs",
  };
}
