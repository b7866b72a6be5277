import { PALISADE_SANDBOX_PRINCIPAL_ID } from '../../identity.js';

/** Who a bearer token belongs to, as ARM (and Graph) read it from the token's `oid`/`appid` claims. */
export interface Principal {
  objectId: string;
  /** The application (client) id; ARM's 403 names it as "the client". */
  clientId: string;
  displayName: string;
}

/** The token `sandboxCredential()` in src/azure/credential.ts hands out; the two must stay equal. */
export const PALISADE_SANDBOX_TOKEN = 'sandbox-arm-token.not-a-secret';
/** A sandbox operator with Owner on every sandbox subscription: for tests and people poking the emulator by hand. */
export const SANDBOX_OPERATOR_TOKEN = 'sandbox-operator-arm-token.not-a-secret';
export const SANDBOX_OPERATOR_PRINCIPAL_ID = '0be7a702-0000-4000-8000-0000000000ee';

export const PALISADE_PRINCIPAL: Principal = {
  objectId: PALISADE_SANDBOX_PRINCIPAL_ID,
  clientId: 'c1a5e0b0-0000-4000-8000-00000000a15d',
  displayName: 'Palisade (sandbox)',
};

export const OPERATOR_PRINCIPAL: Principal = {
  objectId: SANDBOX_OPERATOR_PRINCIPAL_ID,
  clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', // the Azure CLI's public client id, as `az` tokens carry
  displayName: 'Sandbox operator',
};

/** The sandbox's token table; tests may add principals (e.g. a second identity) through `ArmRbac.addToken`. */
export function defaultTokens(): Map<string, Principal> {
  return new Map([
    [PALISADE_SANDBOX_TOKEN, PALISADE_PRINCIPAL],
    [SANDBOX_OPERATOR_TOKEN, OPERATOR_PRINCIPAL],
  ]);
}
