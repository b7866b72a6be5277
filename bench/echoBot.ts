// The baseline Palisade is compared with: a bare botbuilder bot (restify + CloudAdapter + bodyParser) that replies
// with the text it got. Run it as a process (`node --import tsx bench/echoBot.ts`, PORT/HOST from the env) or start it
// in-process with startEchoBot().
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import restify from 'restify';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export interface EchoBot {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEchoBot(opts: { port?: number; host?: string } = {}): Promise<EchoBot> {
  // Anonymous auth, like Palisade without an app id: no token is fetched, nothing leaves 127.0.0.1.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as Record<string, string>));
  adapter.onTurnError = async (_context, error) => {
    process.stderr.write(`echo bot turn failed: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type === ActivityTypes.Message) await context.sendActivity(context.activity.text ?? '');
    });
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bot = await startEchoBot({ port: Number(process.env.PORT ?? 3979), host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(`Echo bot is running on ${bot.url}/api/messages\n`);
  const stop = () => void bot.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
