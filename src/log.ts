import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** Paths pino blanks out wherever they appear: tokens and secrets never reach a log line. */
const REDACT = [
  'token', '*.token', 'accessToken', '*.accessToken', 'authorization', '*.authorization', 'headers.authorization',
  '*.headers.authorization', 'password', '*.password', 'appPassword', '*.appPassword', 'connectionString',
  '*.connectionString', 'bot.appPassword', 'store.connectionString', 'secret', '*.secret', 'kubeconfig', '*.kubeconfig',
];

/** Built only from a validated level (`loadConfig` checks LOG_LEVEL first): nothing makes a logger at module load. */
export function createLogger(level: Config['logLevel'], destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'palisade' } }, destination as never);
}
