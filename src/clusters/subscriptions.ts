/** Subscription display names (what people call them), briefly cached; ids stay the key everywhere. */

export interface SubscriptionRef {
  id: string;
  name: string;
}

/** "Contoso Production" and `contoso-production` are the same name in a command. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export class SubscriptionNames {
  private cache: { at: number; names: Promise<Map<string, string>> } | undefined;

  /** `load`: lower-cased id → display name for the configured subscriptions (ids without a readable name map to themselves). */
  constructor(
    private readonly ids: () => string[],
    private readonly load: () => Promise<Map<string, string>>,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every configured subscription with its name; the id stands in for a name Azure would not tell (names are a nicety). */
  async all(): Promise<SubscriptionRef[]> {
    const names = await this.names();
    return this.ids().map((id) => ({ id, name: names.get(id.toLowerCase()) ?? id }));
  }

  async nameOf(id: string): Promise<string> {
    return (await this.names()).get(id.toLowerCase()) ?? id;
  }

  /** "Workshop (11111111-…)", or the id alone when the name is unknown. */
  async label(id: string): Promise<string> {
    const name = await this.nameOf(id);
    return name === id ? id : `${name} (${id})`;
  }

  /** A subscription a command names, by id or display name (case, spaces and dashes aside); undefined if none. */
  async find(text: string): Promise<SubscriptionRef | undefined> {
    const all = await this.all();
    return all.find((s) => s.id.toLowerCase() === text.toLowerCase()) ?? all.find((s) => s.name !== s.id && normalise(s.name) === normalise(text));
  }

  private names(): Promise<Map<string, string>> {
    if (!this.cache || this.now() - this.cache.at > this.ttlMs) {
      const names = this.load().catch((err: unknown) => {
        this.onError(err);
        return new Map<string, string>();
      });
      this.cache = { at: this.now(), names };
      // a failed read answers with ids now and is retried on the next question
      void names.then((m) => {
        if (m.size === 0) this.cache = undefined;
      });
    }
    return this.cache.names;
  }
}
