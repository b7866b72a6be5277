import { type CompatResponse, toCompatResponse, type WebResourceLike } from '@azure/core-http-compat';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';

/**
 * The HTTP client botbuilder's connector uses to reach `serviceUrl`, with a deadline on every request: a Bot Connector
 * (or a forged serviceUrl in the sandbox) that never answers cannot hold a turn, a proactive send or a card update.
 * A timed-out request is aborted, not retried (the SDK retries only connection errors and 429/5xx answers).
 */
export function connectorHttpClient(timeoutMs: number) {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(web: WebResourceLike): Promise<CompatResponse> {
      const request = createPipelineRequest({
        url: web.url,
        method: web.method,
        headers: createHttpHeaders(web.headers.toJson({ preserveCase: true })),
        body: web.body as never,
        requestId: web.requestId,
        abortSignal: web.abortSignal,
        streamResponseStatusCodes: web.streamResponseStatusCodes,
        timeout: web.timeout > 0 ? Math.min(web.timeout, timeoutMs) : timeoutMs,
        // The connector client already chose (http only for an http serviceUrl: the sandbox's, never Teams')
        allowInsecureConnection: /^http:/i.test(web.url),
      });
      // Answer with the caller's request: the SDK finds its operation (and so its error handling) through it
      return { ...toCompatResponse((await inner.sendRequest(request)) as never), request: web };
    },
  };
}
