import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear: tokens and secrets never reach a log line. */
const REDACT = [
  'token', '*.token', 'accessToken', '*.accessToken', 'authorization', '*.authorization', 'headers.authorization',
  '*.headers.authorization', 'password', '*.password', 'appPassword', '*.appPassword', 'connectionString',
  '*.connectionString', 'bot.appPassword', 'store.connectionString', 'secret', '*.secret', 'kubeconfig', '*.kubeconfig',
];

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'palisade' } }, destination as never);
}
