/**
 * What Zapier does with a dehydrated pointer when a later step uses it, done locally: parse
 * `hydrate|||{…}|||hydrate` and run the named hydrator through the app tester (the real runtime).
 */
const POINTER = /^hydrate\|\|\|(.*)\|\|\|hydrate$/s;

export interface Pointer {
  type: string;
  method: string;
  bundle: Record<string, unknown>;
}

export function parsePointer(value: unknown): Pointer | null {
  if (typeof value !== 'string') return null;
  const match = POINTER.exec(value);
  return match ? (JSON.parse(match[1]) as Pointer) : null;
}

type Tester = (method: any, bundle: Record<string, unknown>) => Promise<unknown>;

/** Resolves one pointer: `method` is the app path, e.g. `hydrators.job`. */
export async function resolvePointer(
  appTester: Tester,
  app: Record<string, any>,
  pointer: string,
  authData: Record<string, string>,
): Promise<unknown> {
  const parsed = parsePointer(pointer);
  if (!parsed) throw new Error(`not a dehydrated pointer: ${String(pointer).slice(0, 80)}`);
  const fn = parsed.method.split('.').reduce((at: any, key) => at?.[key], app);
  if (typeof fn !== 'function') throw new Error(`pointer names no function in the app: ${parsed.method}`);
  return appTester(fn, { authData, inputData: parsed.bundle });
}

/** Resolves every pointer among an object's top-level values, as a later Zap step would see it. */
export async function resolveAll(
  appTester: Tester,
  app: Record<string, any>,
  record: Record<string, unknown>,
  authData: Record<string, string>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(record)) {
    if (parsePointer(value)) out[key] = await resolvePointer(appTester, app, value as string, authData);
  }
  return out;
}
