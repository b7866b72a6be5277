/** A plain HTTP route the core serves beside the bot endpoint (e.g. the IP-capture link); src/bot/server.ts mounts it. */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(req: { params: Record<string, string>; headers: Record<string, string | string[] | undefined>; remoteAddress: string }): Promise<{
    status: number;
    contentType?: string;
    body: string;
  }>;
}
