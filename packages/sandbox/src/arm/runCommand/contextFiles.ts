import { unzipSync } from 'fflate';
import { ArmHttpError } from '../http.js';

/** Run Command's `context`: a base64 zip whose files the command finds in its working directory. */
export function contextFiles(context: unknown): Map<string, string> {
  const files = new Map<string, string>();
  if (context === undefined || context === null || context === '') return files;
  if (typeof context !== 'string') throw invalidContext('it must be a string');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(Buffer.from(context, 'base64'));
  } catch (err) {
    throw invalidContext((err as Error).message);
  }
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    files.set(normalise(name), Buffer.from(data).toString('utf8'));
  }
  return files;
}

export function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}

function invalidContext(why: string): ArmHttpError {
  return new ArmHttpError(400, 'InvalidParameter', `The value of parameter context is invalid: a base64-encoded zip file is expected (${why}).`, 'context');
}
