// Two validators on purpose. URL parts (params, querystring, headers) arrive as strings and are
// coerced to the schema's types; JSON bodies are validated strictly, so `"name": 42` is a 400
// instead of silently becoming "42". Unknown body fields are rejected by additionalProperties:false.
//
// Three rules for every route, so a value PostgreSQL cannot store is a 400 naming the field, never a 500:
// - an integer without its own bounds is bounded to PostgreSQL's `integer` (ids, positions, counts);
//   fields stored as bigint declare their own maximum;
// - date-time (and date) values lie between the years 1000 and 9999 (PostgreSQL refuses year 0, and
//   JavaScript's extended years like +275760 do not survive the trip);
// - strings in bodies and path parameters are well-formed Unicode (no unpaired surrogate) without NUL characters.
import fp from 'fastify-plugin';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { firstUnstorableString, INT4, isStorableDateTime } from '../../core/domain/storable.ts';

// ajv-formats ships CommonJS; under NodeNext its function sits on `.default` at run time.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

type FormatCheck = (value: string) => boolean;
function formatCheck(ajv: Ajv, name: string): FormatCheck {
  const format = ajv.formats[name] as unknown;
  if (typeof format === 'function') return format as FormatCheck;
  if (format instanceof RegExp) return (v) => format.test(v);
  return (format as { validate: FormatCheck }).validate;
}

function makeAjv(coerceTypes: boolean | 'array') {
  const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  addFormats(ajv);
  for (const name of ['date-time', 'date'] as const) {
    const base = formatCheck(ajv, name);
    ajv.addFormat(name, { type: 'string', validate: (v: string) => base(v) && isStorableDateTime(v) });
  }
  return ajv;
}

/**
 * A copy of the schema where every integer without a bound of its own gets PostgreSQL's integer range. Each node is
 * copied once (memo): a shared sub-schema stays one object, as ajv expects of one with an $id.
 */
const bounded = new WeakMap<object, unknown>();
export function withIntegerBounds(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return schema;
  const known = bounded.get(schema);
  if (known) return known;
  if (Array.isArray(schema)) {
    const copy = schema.map(withIntegerBounds);
    bounded.set(schema, copy);
    return copy;
  }
  const out: Record<string, unknown> = {};
  bounded.set(schema, out);
  for (const [key, value] of Object.entries(schema)) {
    // Enumerations, constants and defaults are data, not schemas.
    out[key] = key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : withIntegerBounds(value);
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT4.max;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INT4.min;
  }
  return out;
}

/** The schema's verdict, then the storable-text rule, reported as an ajv error so the field is named the same way. */
function withStorableStrings(validate: ValidateFunction) {
  const check = (data: unknown) => {
    if (!validate(data)) {
      check.errors = validate.errors;
      return false;
    }
    const bad = firstUnstorableString(data);
    if (!bad) {
      check.errors = null;
      return true;
    }
    const error: ErrorObject = { instancePath: bad.path, schemaPath: '#', keyword: 'storable', params: {}, message: bad.message };
    check.errors = [error];
    return false;
  };
  check.errors = null as ErrorObject[] | null | undefined;
  return check;
}

export default fp(
  async (app) => {
    const strict = makeAjv(false);
    const coercing = makeAjv('array');
    app.setValidatorCompiler(({ schema, httpPart }) => {
      const validate = (httpPart === 'body' ? strict : coercing).compile(withIntegerBounds(schema) as object);
      // Bodies and path parameters are what gets stored or looked up as is. Query strings are left to their routes:
      // list filters check their own values (domain/list-query.ts), and /help answers a bad address with its HTML page.
      return httpPart === 'body' || httpPart === 'params' ? withStorableStrings(validate) : validate;
    });
  },
  { name: 'validation' },
);
