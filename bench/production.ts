// What the production-build sections share: building dist/ (Palisade as `npm run build` bundles it, the bench's own
// entry points bundled with esbuild, so every process runs on plain `node` without a TypeScript loader) and the emulators in their own
// process (`npm run sandbox:serve`), so what is measured is the bot alone.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { progress, ROOT, stopChild } from './lib.js';

const run = promisify(execFile);

export const DIST_MAIN = path.join(ROOT, 'dist/main.js');
export const DIST_ECHO = path.join(ROOT, 'dist/bench/echoBot.js');
export const DIST_SCAN_WORKER = path.join(ROOT, 'dist/bench/scanWorker.js');

/** dist/main.js as `npm run build` makes it (one bundle) and the bench entry points as ESM bundles whose packages stay external. */
export async function buildProduction(): Promise<void> {
  progress('building dist/ (scripts/build.mjs + assets, as npm run build) and the bench entry points (esbuild)');
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
  await run(process.execPath, [path.join(ROOT, 'scripts/copy-assets.mjs'), 'src', 'dist', '.yaml'], { cwd: ROOT }); // as `npm run build`
  await build({
    entryPoints: { echoBot: path.join(ROOT, 'bench/echoBot.ts'), scanWorker: path.join(ROOT, 'bench/scanWorker.ts') },
    outdir: path.join(ROOT, 'dist/bench'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

export interface EmulatorProcess {
  child: ChildProcess;
  /** What a production Palisade needs to use them (NODE_ENV=production, endpoints, CA file, Entra app, bot id). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `packages/sandbox/src/serve.ts` in its own process (through tsx: it is dev tooling), ready when it prints READY. */
export async function startEmulatorProcess(dataDir: string, opts: { latencyMs?: number } = {}): Promise<EmulatorProcess> {
  // BENCH_EMULATOR_CPU_PROF_DIR=<dir>: a V8 CPU profile of the emulators' process (the other side of every request)
  const prof = process.env.BENCH_EMULATOR_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_EMULATOR_CPU_PROF_DIR}`] : [];
  const args = [...prof, '--conditions=source', '--import', 'tsx', path.join(ROOT, 'packages/sandbox/src/serve.ts'), '--data-dir', dataDir, '--fast'];
  if (opts.latencyMs) args.push('--latency-ms', String(opts.latencyMs));
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const envFile = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /^READY (.+)$/m.exec(out);
      if (m) resolve(m[1].trim());
    });
    child.once('exit', (code) => reject(new Error(`sandbox:serve exited (${code}) before READY: ${err.slice(-2000)}`)));
  });
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(envFile, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
  }
  return {
    child,
    env,
    stop: () => stopChild(child),
  };
}
