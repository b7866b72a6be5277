import { describe, expect, it } from 'vitest';
import { cards } from '../../src/cards/views.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import type { AuditEntry } from '../../src/store/types.js';
import { cardText } from '../helpers/bot.js';

describe('lists that grow with use fit in one message', () => {
  it('pending approvals: the first ones that fit, and how many there are', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      planId: `plan${String(i).padStart(18, '0')}`,
      title: `Allowlist 20.${i % 250}.0.0/16 on aks-prod for 8h (request ${i})`,
      cluster: 'aks-prod',
      requester: 'Someone with a long display name',
      expires: '2026-12-01 10:00 UTC',
      linkText: 'Open the request',
      url: `https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/${1700000000000 + i}`,
    }));
    const card = cards.approvals(rows);
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const shown = /Pending approvals \(400; the first (\d+) shown\)/.exec(cardText(card));
    expect(Number(shown?.[1])).toBeGreaterThan(10);
    expect(cardText(card)).toContain('request 0)');
    expect(cards.approvals(rows.slice(0, 3))).toMatchObject({ body: expect.any(Array) });
    expect(cardText(cards.approvals(rows.slice(0, 3)))).toMatch(/Pending approvals \(3\)/);
  });

  it('the audit log: the latest entries that fit, with the next step', () => {
    const entries: AuditEntry[] = Array.from({ length: 100 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString(),
      actor: { id: '29:alice', name: 'Alice' },
      kind: 'request',
      cluster: 'aks-prod',
      summary: `Allowlist ${'203.0.113.0/24, '.repeat(12)}on aks-prod (entry ${i})`,
      outcome: 'pending',
    })) as AuditEntry[];
    const card = cards.audit(entries, 'Audit log · latest 100');
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(cardText(card)).toMatch(/Showing the latest \d+ of 100: a message holds no more\. Say `audit \d+`, or add `on ‹cluster›`\./);
  });
});
