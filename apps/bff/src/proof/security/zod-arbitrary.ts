import fc from 'fast-check';
import type { z } from 'zod';

/** The parts of a zod v4 definition the walker reads; everything else is ignored. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef =>
  (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Values that break naive SQL, JSON and path handling, sent in every parameter and field. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "1' OR 1=1 -- ",
  '"; DROP TABLE events; --',
  "') UNION SELECT password_hash FROM users -- ",
  '\\',
  '%',
  '_',
  '%00',
  '\u0000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '9'.repeat(40),
  '-1',
  '1e309',
  'NaN',
  '  ',
  'é'.repeat(70),
] as const;

/** Objects, arrays and other shapes a JSON field should never accept, including prototype keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    ...HOSTILE_STRINGS,
    null,
    [],
    {},
    [1, 2],
    { $gt: '' },
    { toString: 'x' },
    -1,
    2 ** 53 + 1,
    1e308,
    true,
  ),
  fc.constant(JSON.parse('{"__proto__":{"admin":true}}') as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

export interface FieldHints {
  /** Plausible values per field name (known slugs, ids), so generated input also reaches past validation. */
  [field: string]: readonly (string | number)[];
}

/**
 * A JSON value shaped like `schema`, with hostile values swapped in at every level, so both valid
 * requests (reaching the handler) and near-misses (each field wrong in turn) are generated.
 */
export function jsonArbitrary(
  schema: z.ZodType,
  hints: FieldHints = {},
  field = '',
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: typedJson(schema, hints, field) },
    { weight: 1, arbitrary: hostileJson },
  );
}

function typedJson(schema: z.ZodType, hints: FieldHints, field: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hinted = hints[field];
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, value]) => [key, jsonArbitrary(value, hints, key)]),
      );
      const required = Object.entries(shape)
        .filter(([, value]) => !isOptional(value))
        .map(([key]) => key);
      const record = fc.record(fields, { requiredKeys: required });
      return fc.oneof(
        { weight: 4, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.string({ maxLength: 8 }), hostileJson)
            .map(([value, key, extra]) => ({ ...value, [key]: extra })),
        },
      );
    }
    case 'string':
      return fc.oneof(
        hinted ? fc.constantFrom(...hinted.map(String)) : fc.string({ maxLength: 24 }),
        fc.string({ maxLength: 80 }),
        fc.constantFrom(...HOSTILE_STRINGS),
      );
    case 'number':
    case 'bigint':
      return fc.oneof(
        hinted ? fc.constantFrom(...hinted) : fc.integer(),
        fc.integer({ min: -10, max: 2_000_000_000_000 }),
        fc.double(),
      );
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return fc.option(typedJson(def.innerType!, hints, field), { nil: undefined });
    case 'nullable':
      return fc.option(typedJson(def.innerType!, hints, field), { nil: null });
    case 'pipe':
      return typedJson(def.in!, hints, field);
    case 'array':
      return fc.array(jsonArbitrary(def.element!, hints, field), { maxLength: 4 });
    case 'record':
      return fc.dictionary(
        fc.string({ maxLength: 12 }),
        jsonArbitrary(def.valueType!, hints, field),
        { maxKeys: 4 },
      );
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => typedJson(option, hints, field)));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function isOptional(schema: z.ZodType): boolean {
  return ['optional', 'default', 'prefault'].includes(defOf(schema).type);
}

/** The field names of an object schema, through transforms and refinements. */
export function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape ?? {};
  if (def.type === 'pipe') return fieldsOf(def.in!);
  if (def.innerType) return fieldsOf(def.innerType);
  return {};
}

/** One query-string value for a field: a plausible one from its schema, or a hostile one. */
function queryValue(schema: z.ZodType, hints: FieldHints, field: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: typedJson(schema, hints, field).map((value) =>
        value === undefined || value === null
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value),
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  );
}

/**
 * A query string for a schema's fields: each present field once, repeated (an array) or in bracket
 * form (an object, `field[key]=…`), plus now and then a field the schema does not know.
 */
export function queryArbitrary(
  schemas: readonly z.ZodType[],
  hints: FieldHints = {},
): fc.Arbitrary<URLSearchParams> {
  const fields = Object.assign({}, ...schemas.map(fieldsOf)) as Record<string, z.ZodType>;
  const entry = (name: string, schema: z.ZodType) =>
    fc.oneof(
      { weight: 6, arbitrary: queryValue(schema, hints, name).map((value) => [[name, value]]) },
      {
        weight: 1,
        arbitrary: fc
          .array(queryValue(schema, hints, name), { minLength: 2, maxLength: 3 })
          .map((values) => values.map((value) => [name, value])),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('', '0', 'a', '$gt'), queryValue(schema, hints, name))
          .map(([key, value]) => [[`${name}[${key}]`, value]]),
      },
    );
  const present = fc.record(
    Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, entry(name, schema)])),
    { requiredKeys: [] },
  );
  const unknown = fc.option(
    fc.tuple(
      fc.constantFrom('extra', '__proto__', 'constructor', 'limit[]'),
      fc.constantFrom(...HOSTILE_STRINGS),
    ),
    { nil: undefined },
  );
  return fc.tuple(present, unknown).map(([chosen, extra]) => {
    const params = new URLSearchParams();
    for (const pairs of Object.values(chosen) as string[][][])
      for (const [name, value] of pairs) params.append(name!, value!);
    if (extra) params.append(extra[0], extra[1]);
    return params;
  });
}
