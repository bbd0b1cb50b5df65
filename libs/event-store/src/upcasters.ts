// Stored events are never rewritten; readers upcast old schema versions on the way out (ARCHITECTURE.md
// "Version events deliberately"). An upcaster turns version n of a type into version n + 1; chains compose.

export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  register(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`duplicate upcaster for ${key}`);
    this.byKey.set(key, upcaster);
    this.current.set(upcaster.type, Math.max(this.currentVersion(upcaster.type), upcaster.fromVersion + 1));
    return this;
  }

  /** The version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(type: string, version: number, data: unknown): { version: number; data: unknown } {
    let v = version;
    let d = data;
    const target = this.currentVersion(type);
    while (v < target) {
      const step = this.byKey.get(`${type}@${v}`);
      if (!step) throw new Error(`no upcaster for ${type} from version ${v} to ${target}`);
      d = step.upcast(d);
      v++;
    }
    return { version: v, data: d };
  }
}
