import { instruments, inSpan } from './index.js';

/** Wraps a turn handler: one span, one count and one latency sample per turn, by event kind. */
export function measureTurns<A extends [{ kind: string }, ...unknown[]], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    const kind = args[0].kind;
    const started = performance.now();
    return inSpan(`turn ${kind}`, { 'palisade.turn.kind': kind }, () => handler(...args)).finally(() => {
      const t = instruments();
      t.turns.add(1, { kind });
      t.turnDuration.record(performance.now() - started, { kind });
    });
  };
}
