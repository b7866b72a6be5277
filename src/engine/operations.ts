import type { OperationName } from '../approvals/names.js';
import type { AnyOperation } from '../approvals/types.js';

/** Operations by name (own entries only: a name read from a plan can never reach a prototype property). */
export type OperationSet = Partial<Record<OperationName, AnyOperation>>;

export class OperationLookup {
  private readonly byName: ReadonlyMap<string, AnyOperation>;

  constructor(operations: OperationSet) {
    this.byName = new Map(Object.entries(operations).filter((e): e is [string, AnyOperation] => Boolean(e[1])));
    for (const [name, op] of this.byName) if (op.name !== name) throw new Error(`operation ${op.name} is registered as ${name}`);
  }

  find(name: string): AnyOperation | undefined {
    return this.byName.get(name);
  }

  get(name: string): AnyOperation {
    const op = this.byName.get(name);
    if (!op) throw new Error(`unknown operation ${name}`);
    return op;
  }
}
