import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsJson, startHarness, type Harness } from './armHarness.js';
import { SANDBOX_GROUPS, SANDBOX_USERS } from '@palisade/sandbox/graph/index.js';
import { PALISADE_SANDBOX_TOKEN } from '@palisade/sandbox/arm/index.js';

const { approvers, operators } = SANDBOX_GROUPS;
const { alice, bob, mallory } = SANDBOX_USERS;

let h: Harness;
beforeAll(async () => {
  h = await startHarness(undefined, undefined, { graph: true });
});
afterAll(() => h.close());

const graph = (method: string, path: string, body?: unknown, token = PALISADE_SANDBOX_TOKEN) =>
  httpsJson(h.tls.caPem, method, `${h.graph!.baseUrl}${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
const check = (user: string) => graph('POST', `/v1.0/users/${user}/checkMemberGroups`, { groupIds: [approvers.id, operators.id] });

describe('Microsoft Graph emulator', () => {
  it('seeds approvers (Alice, Bob) and operators; Mallory is in neither', async () => {
    expect((await check(alice.id)).body.value).toEqual([approvers.id, operators.id]);
    expect((await check(bob.id)).body.value).toEqual([approvers.id, operators.id]);
    expect((await check(mallory.id)).body.value).toEqual([]);
    const res = await graph('GET', `/v1.0/users/${alice.id}/transitiveMemberOf`);
    expect(res.headers['content-type']).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(res.body.value.map((g: any) => [g['@odata.type'], g.id, g.displayName])).toEqual([
      ['#microsoft.graph.group', approvers.id, approvers.displayName],
      ['#microsoft.graph.group', operators.id, operators.displayName],
    ]);
  });

  it('transitiveMemberOf pages with $top and @odata.nextLink; $select trims fields', async () => {
    const first = await graph('GET', `/v1.0/users/${bob.id}/transitiveMemberOf/microsoft.graph.group?$top=1&$select=displayName`);
    expect(first.body.value).toEqual([{ '@odata.type': '#microsoft.graph.group', id: approvers.id, displayName: approvers.displayName }]);
    const next = first.body['@odata.nextLink'] as string;
    expect(next.startsWith(`${h.graph!.baseUrl}/v1.0/users/${bob.id}/transitiveMemberOf/microsoft.graph.group?`)).toBe(true);
    const second = await httpsJson(h.tls.caPem, 'GET', next, undefined, { authorization: `Bearer ${PALISADE_SANDBOX_TOKEN}` });
    expect(second.body.value.map((g: any) => g.id)).toEqual([operators.id]);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect((await graph('GET', `/v1.0/users/${bob.id}/transitiveMemberOf?$top=1000`)).status).toBe(400);
  });

  it('membership changes through the emulator API show at once; nested groups count', async () => {
    h.graph!.addMember(approvers.id, mallory.id);
    expect((await check(mallory.id)).body.value).toEqual([approvers.id]);
    h.graph!.removeMember(approvers.id, mallory.id);
    expect((await check(mallory.id)).body.value).toEqual([]);
    const nested = '0e57ed00-0000-4000-8000-000000000e57';
    h.graph!.directory.addGroup(nested, 'On-call', 'on-call', [mallory.id]);
    h.graph!.addMember(operators.id, nested);
    expect((await check(mallory.id)).body.value).toEqual([operators.id]);
    h.graph!.removeMember(operators.id, nested);
  });

  it('errors as Graph answers them: 401 without a token, 404 for an unknown user, 400 for >20 group ids', async () => {
    const none = await graph('POST', `/v1.0/users/${alice.id}/checkMemberGroups`, { groupIds: [approvers.id] }, '');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('InvalidAuthenticationToken');
    expect(none.body.error.innerError['request-id']).toBeTruthy();
    const unknown = await graph('POST', '/v1.0/users/00000000-0000-4000-8000-00000000dead/checkMemberGroups', { groupIds: [approvers.id] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('Request_ResourceNotFound');
    const many = await graph('POST', `/v1.0/users/${alice.id}/checkMemberGroups`, { groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`) });
    expect(many.status).toBe(400);
  });

  it('without GroupMember.Read.All the app gets 403 Authorization_RequestDenied', async () => {
    h.graph!.permissions.delete('GroupMember.Read.All');
    try {
      const res = await check(alice.id);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    } finally {
      h.graph!.permissions.add('GroupMember.Read.All');
    }
  });

  it('Graph down: 503 serviceNotAvailable with Retry-After, or connection refused; back up on the same URL', async () => {
    await h.graph!.setAvailability('unavailable');
    const busy = await check(alice.id);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.body.error.code).toBe('serviceNotAvailable');
    await h.graph!.setAvailability('refused');
    await expect(check(alice.id)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await h.graph!.setAvailability('up');
    expect((await check(alice.id)).status).toBe(200);
  });
});
