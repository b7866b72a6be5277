import http from 'node:http';

/**
 * restify 11 (the newest that runs on Node 20) loads spdy → http-deceiver, which reads process.binding('http_parser')
 * when it loads; Node 22+ removed that binding. Palisade never uses spdy's HTTP/2 path, so a stub keeps restify loadable.
 */
const proc = process as unknown as { binding: (name: string) => unknown };
const original = proc.binding.bind(process);
proc.binding = (name: string) => {
  if (name !== 'http_parser') return original(name);
  try {
    return original(name);
  } catch {
    return { HTTPParser: { methods: [...http.METHODS] }, methods: [...http.METHODS] };
  }
};
