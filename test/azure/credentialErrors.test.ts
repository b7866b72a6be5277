import fs from 'node:fs';
import path from 'node:path';
import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { AzureCredentialError, AzureError, DOCS, azureCall, credentialProblem } from '../../src/azure/errors.js';
import { armScope, aksScope } from '../../src/azure/cloud.js';
import { isUserError } from '../../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function armReply(status: number, code: string, message: string): RestError {
  const request = createPipelineRequest({ url: 'https://management.azure.com/subscriptions/x' });
  const bodyAsText = JSON.stringify({ error: { code, message } });
  return new RestError(message, { statusCode: status, code, request, response: { status, headers: createHttpHeaders({ 'x-ms-request-id': 'req-1' }), request, bodyAsText } });
}

describe('Azure credential failures reach chat as user errors', () => {
  it('no source of credentials → the managed identity / AZURE_CLIENT_ID next step', async () => {
    const err = new AggregateAuthenticationError([new CredentialUnavailableError('EnvironmentCredential is unavailable.'), new CredentialUnavailableError('ManagedIdentityCredential: no endpoint.')]);
    const mapped = await azureCall(() => Promise.reject(err)).catch((e: unknown) => e);
    expect(mapped).toBeInstanceOf(AzureCredentialError);
    expect(isUserError(mapped)).toBe(true);
    expect((mapped as AzureCredentialError).reason).toBe('no-credentials');
    expect((mapped as AzureCredentialError).nextStep).toContain('AZURE_CLIENT_ID');
    expect((mapped as AzureCredentialError).nextStep).toContain(DOCS.credentials);
  });

  it('Entra refuses the credentials → the AADSTS reason, without trace ids', () => {
    const err = new AuthenticationError(401, {
      error: 'invalid_client',
      error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent is the value. Trace ID: abc Correlation ID: def",
    });
    const mapped = credentialProblem(err)!;
    expect(mapped.reason).toBe('rejected');
    expect(mapped.message).toContain('AADSTS7000215: Invalid client secret provided.');
    expect(mapped.message).not.toContain('Trace ID');
    expect(mapped.nextStep).toContain(DOCS.rejected);
  });

  it('ARM answers 401 → token refused; a 403 stays an AzureError for the operations to explain', async () => {
    const refused = await azureCall(() => Promise.reject(armReply(401, 'InvalidAuthenticationTokenAudience', "The access token has been obtained for wrong audience or resource 'https://management.azure.com'."))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AzureCredentialError);
    expect((refused as AzureCredentialError).message).toContain('InvalidAuthenticationTokenAudience');
    expect((refused as AzureCredentialError).nextStep).toContain(DOCS.token);

    const forbidden = await azureCall(() => Promise.reject(armReply(403, 'AuthorizationFailed', 'The client does not have authorization.'))).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(AzureError);
    expect(credentialProblem(forbidden)).toBeUndefined();
  });

  it('every docs link points at a section docs/deploy.md has', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')),
    );
    for (const link of Object.values(DOCS)) expect(anchors, link).toContain(link.split('#')[1]);
  });
});

describe('token scopes follow the cloud', () => {
  it('ARM: the endpoint origin + /.default; AKS: the server application', () => {
    expect(armScope()).toBe('https://management.azure.com/.default');
    expect(armScope('https://management.chinacloudapi.cn/')).toBe('https://management.chinacloudapi.cn/.default');
    expect(armScope('https://management.usgovcloudapi.net')).toBe('https://management.usgovcloudapi.net/.default');
    expect(aksScope('6dae42f8-4368-4678-94ff-3960e28e3630')).toBe('6dae42f8-4368-4678-94ff-3960e28e3630/.default');
  });
});
