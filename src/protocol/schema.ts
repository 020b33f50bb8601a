/**
 * A tiny runtime-validation kit. Wire types are declared once as schemas and their TypeScript
 * types are inferred from them, so the client, the mock backend and the Worker cannot disagree
 * about a field. It is hand-rolled rather than a dependency because the script-tag bundle has a
 * 30 KB budget and we need only a handful of combinators.
 */

/** Thrown when a value from the network does not match its schema. */
export class ProtocolValidationError extends Error {
  readonly path: string;
  readonly expected: string;

  constructor(path: string, expected: string, received: unknown) {
    super(`${path || 'value'}: expected ${expected}, received ${describe(received)}`);
    this.name = 'ProtocolValidationError';
    this.path = path;
    this.expected = expected;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? 'string' : JSON.stringify(value);
  return typeof value;
}

export interface Schema<T> {
  /** Returns the value typed, or throws `ProtocolValidationError`. Unknown object keys are dropped. */
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(parse: (value: unknown, path: string) => T): Schema<T> {
  return { parse: (value, path = '') => parse(value, path) };
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ProtocolValidationError(path, expected, value);
}

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

// Each builder below is marked free of side effects, so that a bundle drops the schemas it never uses.
/* @__NO_SIDE_EFFECTS__ */
export function string(options: StringOptions = {}): Schema<string> {
  const { minLength = 0, maxLength = Infinity, pattern } = options;
  return schema((value, path) => {
    if (typeof value !== 'string') fail(path, 'string', value);
    if (value.length < minLength) fail(path, `string of at least ${minLength} characters`, value);
    if (value.length > maxLength) fail(path, `string of at most ${maxLength} characters`, value);
    if (pattern && !pattern.test(value)) fail(path, `string matching ${pattern}`, value);
    return value;
  });
}

export interface NumberOptions {
  integer?: boolean;
  min?: number;
}

/* @__NO_SIDE_EFFECTS__ */
export function number(options: NumberOptions = {}): Schema<number> {
  const { integer = false, min = -Infinity } = options;
  const expected = integer ? 'integer' : 'number';
  // An integer is finite too.
  const valid = integer ? Number.isInteger : Number.isFinite;
  return schema((value, path) => {
    if (typeof value !== 'number' || !valid(value)) fail(path, expected, value);
    if (value < min) fail(path, `${expected} >= ${min}`, value);
    return value;
  });
}

/** The protocol's counts, offsets and sequence numbers. */
export const nonNegativeInteger = number({ integer: true, min: 0 });
export const positiveInteger = number({ integer: true, min: 1 });

/* @__NO_SIDE_EFFECTS__ */
export function boolean(): Schema<boolean> {
  return schema((value, path) => (typeof value === 'boolean' ? value : fail(path, 'boolean', value)));
}

/* @__NO_SIDE_EFFECTS__ */
export function literal<const T extends string | number | boolean>(expected: T): Schema<T> {
  return schema((value, path) => (value === expected ? expected : fail(path, JSON.stringify(expected), value)));
}

/** `"a" | "b"`: what a choice among these texts expects. */
function choiceOf(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(' | ');
}

/* @__NO_SIDE_EFFECTS__ */
export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const expected = choiceOf(values);
  return schema((value, path) =>
    typeof value === 'string' && values.includes(value) ? (value as T[number]) : fail(path, expected, value),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema((value, path) => (value === null ? null : inner.parse(value, path)));
}

/* @__NO_SIDE_EFFECTS__ */
export function array<T>(item: Schema<T>, options: { maxLength?: number } = {}): Schema<T[]> {
  const { maxLength = Infinity } = options;
  return schema((value, path) => {
    if (!Array.isArray(value)) fail(path, 'array', value);
    if (value.length > maxLength) fail(path, `array of at most ${maxLength} items`, value);
    return value.map((entry, index) => item.parse(entry, `${path}[${index}]`));
  });
}

/** Marks an object field as optional: absent or `undefined` stays absent. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    parse: (value, path = '') => (value === undefined ? undefined : inner.parse(value, path)),
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

export interface ObjectSchema<S extends Shape> extends Schema<ObjectOf<S>> {
  readonly shape: S;
}

/* @__NO_SIDE_EFFECTS__ */
export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  const entries = Object.entries(shape);
  return {
    shape,
    parse(value, path = '') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'object', value);
      const source = value as Record<string, unknown>;
      const result: Record<string, unknown> = {};
      for (const [key, field] of entries) {
        const parsed = field.parse(source[key], path ? `${path}.${key}` : key);
        if (parsed !== undefined) result[key] = parsed;
      }
      return result as ObjectOf<S>;
    },
  };
}

/** One object type per variant, each with its key as its `type`. */
type Tagged<V extends Record<string, Shape>> = {
  [K in keyof V & string]: Simplify<{ type: K } & ObjectOf<V[K]>>;
}[keyof V & string];

/**
 * A union of objects told apart by their `type` field, each variant's named by its key:
 * `taggedUnion({ ping: {} })` accepts `{ type: "ping" }`.
 */
/* @__NO_SIDE_EFFECTS__ */
export function taggedUnion<const V extends Record<string, Shape>>(variants: V): Schema<Tagged<V>> {
  const objects = new Map(Object.entries(variants).map(([tag, shape]) => [tag, object(shape)]));
  const expected = choiceOf([...objects.keys()]);
  return schema((value, path) => {
    const tag = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    const variant = typeof tag === 'string' ? objects.get(tag) : undefined;
    if (!variant) fail(path ? `${path}.type` : 'type', expected, tag);
    return { type: tag, ...variant.parse(value, path) } as Tagged<V>;
  });
}

/** Parses without throwing, for callers that report and drop bad input. */
export function safeParse<T>(
  target: Schema<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; error: ProtocolValidationError } {
  try {
    return { ok: true, value: target.parse(value) };
  } catch (error) {
    if (error instanceof ProtocolValidationError) return { ok: false, error };
    throw error;
  }
}
