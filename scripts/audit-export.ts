// Exports the audit log as JSON lines, oldest first: `npm run audit:export -- [--out file] [--cluster name] [--limit n]`.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openStoreFromConfig } from '../src/store/index.js';

const USAGE = 'usage: npm run audit:export -- [--out <file>] [--cluster <name>] [--limit <newest n entries>]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { out: { type: 'string' }, cluster: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const limit = args.limit === undefined ? undefined : Number(args.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    process.stderr.write(`--limit must be a non-negative integer\n${USAGE}\n`);
    return 2;
  }

  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }

  const log = createLogger(config.logLevel, process.stderr);
  const store = await openStoreFromConfig(config);
  try {
    const entries = (await store.readAudit({ limit, cluster: args.cluster })).reverse();
    const out = args.out ? createWriteStream(args.out, { encoding: 'utf8' }) : process.stdout;
    for (const entry of entries) {
      if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
    }
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    log.info({ entries: entries.length, store: config.store.kind, out: args.out ?? 'stdout' }, 'audit exported');
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    createLogger('error', process.stderr).error({ err: e }, 'audit export failed');
    process.exitCode = 1;
  },
);
