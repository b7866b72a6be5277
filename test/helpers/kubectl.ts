import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Async on purpose: a synchronous exec would block the in-process emulator kubectl talks to. */
export const exec = promisify(execFile);

async function kubectlAvailable(): Promise<boolean> {
  try {
    await exec('kubectl', ['version', '--client']);
    return true;
  } catch {
    return false;
  }
}

/** Debian's kubernetes-client (CI installs it). */
export const hasKubectl = await kubectlAvailable();
