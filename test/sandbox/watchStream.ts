import https from 'node:https';
import { createInterface } from 'node:readline';

export interface WatchEventLine {
  type: string;
  object: any;
}

/** A raw watch request read line by line: events as they arrive, a way to wait for one, and whether the server ended it. */
export interface RawWatch {
  status: number;
  events: WatchEventLine[];
  /** Resolves with the first event (already received or coming) that satisfies `pred`. */
  next(pred?: (e: WatchEventLine) => boolean): Promise<WatchEventLine>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function rawWatch(url: string, opts: { ca: string; token: string }): Promise<RawWatch> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca: opts.ca, headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json' } }, (res) => {
      const events: WatchEventLine[] = [];
      const waiters: Array<{ pred: (e: WatchEventLine) => boolean; done: (e: WatchEventLine) => void }> = [];
      let endedResolve!: () => void;
      const ended = new Promise<void>((r) => (endedResolve = r));
      const lines = createInterface(res);
      lines.on('error', () => endedResolve());
      lines.on('line', (line) => {
        if (!line.trim()) return;
        const e = JSON.parse(line) as WatchEventLine;
        events.push(e);
        for (const w of [...waiters]) if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(e);
        }
      });
      res.on('end', () => endedResolve());
      res.on('close', () => endedResolve());
      // closing our side aborts the response: that is how a watch is cancelled, not a failure
      res.on('error', () => endedResolve());
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended,
        next: (pred = () => true) =>
          new Promise((done) => {
            const seen = events.find(pred);
            if (seen) done(seen);
            else waiters.push({ pred, done });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
