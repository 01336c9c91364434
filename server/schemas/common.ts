import { Type, type Static } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    reqId: Type.String(),
  },
  { $id: 'Error', description: 'The one error envelope' },
);

/** react-admin simple-rest list parameters, each a JSON string (parsed by domain/list-query.ts). */
export const ListQuerystring = Type.Object(
  {
    sort: Type.Optional(Type.String({ maxLength: 200, description: 'JSON ["field","ASC"|"DESC"]' })),
    range: Type.Optional(Type.String({ maxLength: 100, description: 'JSON [start, end], inclusive' })),
    filter: Type.Optional(Type.String({ maxLength: 4000, description: 'JSON object of filters' })),
  },
  { additionalProperties: false },
);
export type ListQuerystringT = Static<typeof ListQuerystring>;

/** A row id: PostgreSQL `integer`, so at most 2,147,483,647 (a larger one is a 400, not a failed query). */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: Id });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Serialised as an ISO string; handlers may return Date objects (fast-json-stringify converts them). */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** Standard error responses for a route that requires a session. */
export const authErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
};
