/** A table lookup keyed by user text: own properties only, so `constructor` or `__proto__` find nothing. */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
