import { describe, expect, it } from 'vitest';
import { lockoutGuardStatus } from '../../src/operations/controlPlane/lockoutGuard.js';
import { assessRangesChange } from '../../src/operations/controlPlane/exposureChange.js';

describe('the lockout guard is always on', () => {
  it('says at start which egress IPs it guards, or that it treats every narrowing as a lockout', () => {
    expect(lockoutGuardStatus(['20.1.2.3'], 'azure')).toMatchObject({ level: 'info', message: expect.stringMatching(/egress IPs are 20\.1\.2\.3 \(PALISADE_EGRESS_IPS\)/) });
    expect(lockoutGuardStatus([], 'azure')).toMatchObject({ level: 'warn', message: expect.stringMatching(/egress IPs unknown.*every narrowing.*possible lockout/) });
  });

  it('with egress IPs unknown, a narrowing needs a second person and says why; a widening is four-eyes anyway', () => {
    const narrowing = assessRangesChange({ cluster: 'aks-prod', current: ['198.51.100.0/24'], next: ['10.0.0.0/8'], egressIps: [], implicitDrop: true });
    expect(narrowing.risk).toBe('narrows');
    expect(narrowing.fourEyes).toMatch(/may lock Palisade out/);
    expect(narrowing.warnings.join('\n')).toMatch(/Palisade's own public IPs are unknown \(PALISADE_EGRESS_IPS is not set\)/);
    const known = assessRangesChange({ cluster: 'aks-prod', current: ['198.51.100.0/24', '20.1.2.3/32'], next: ['20.1.2.3/32'], egressIps: ['20.1.2.3'], implicitDrop: false });
    expect(known.fourEyes).toBeUndefined();
    expect(known.warnings.join('\n')).toMatch(/Lockout risk: 198\.51\.100\.0\/24 loses access/);
    const opening = assessRangesChange({ cluster: 'aks-prod', current: [], next: ['20.1.2.3/32'], egressIps: [], implicitDrop: false });
    expect(opening.fourEyes).toMatch(/may lock Palisade out/);
  });
});
