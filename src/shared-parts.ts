/**
 * zapier-platform-core prepares the whole app definition — a deep copy, a resolve pass and a deep freeze
 * — twice on every call of every operation (create-lambda-handler.js and create-app.js), so its cost is
 * paid per step, in CPU, by every Zap run. Its deep copy (lodash's) copies an object once however often
 * it is referenced, and its freeze skips what is frozen already. This definition repeats a lot of data:
 * the records every sample embeds, the labelled output fields of each record kind, the polling twins'
 * samples and fields. So identical parts are made one object before core sees the definition: the
 * definition reads the same, and core copies a fraction of it (measured with `npm run bench`).
 *
 * Only plain data is shared (objects and arrays with no function anywhere inside); two parts are
 * identical when they hold the same keys in the same order with the same values, `undefined` included.
 */
type Part = unknown;

const isPlain = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) ||
  (!!value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype);

/** A key that tells apart everything JSON would not (undefined, key order is kept as written). */
function keyOf(value: unknown, keys: Map<object, string>): string {
  if (value === undefined) return 'u';
  if (typeof value !== 'object' || value === null) return `${typeof value}:${JSON.stringify(value)}`;
  return keys.get(value) ?? 'x';
}

export function shareIdenticalParts<T>(definition: T): T {
  const pool = new Map<string, Part>();
  const keys = new Map<object, string>();
  const seen = new Map<object, { value: Part; pure: boolean }>();
  const visit = (value: Part): { value: Part; pure: boolean } => {
    if (typeof value === 'function') return { value, pure: false };
    // scalars are data; any other object (a class instance) is kept as it is and never shared
    if (!isPlain(value)) return { value, pure: value === null || typeof value !== 'object' };
    const done = seen.get(value);
    if (done) return done;
    const array = Array.isArray(value);
    const copy: Record<string, unknown> = array ? ([] as never) : {};
    let pure = true;
    const parts: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      const result = visit(child);
      copy[key] = result.value;
      pure &&= result.pure;
      if (pure) parts.push(`${JSON.stringify(key)}=${keyOf(result.value, keys)}`);
    }
    let result: { value: Part; pure: boolean } = { value: copy, pure };
    if (pure) {
      const key = `${array ? 'a' : 'o'}{${parts.join(',')}}`;
      const shared = pool.get(key);
      if (shared) result = { value: shared, pure };
      else {
        pool.set(key, copy);
        keys.set(copy, key);
      }
    }
    seen.set(value, result);
    return result;
  };
  return visit(definition).value as T;
}
