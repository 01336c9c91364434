// Shorthands over schema.d.ts (generated from the API's OpenAPI document by `npm run api-types`): the console's record
// types are the JSON the routes declare, never copied by hand. The route schemas are inline (no named components),
// so a type is named by the route that answers with it.
import type { paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** The methods a path serves; the generator marks the others `?: never`. */
type MethodOf<P extends keyof paths> = { [M in Method]: paths[P] extends Record<M, object> ? M : never }[Method];
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Responses<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;

/** The JSON `M P` answers with status S, e.g. `ApiResponse<'/api/plans/{id}', 'get'>`. */
export type ApiResponse<P extends keyof paths, M extends MethodOf<P>, S extends number = 200> = Json<
  Responses<P, M>[S & keyof Responses<P, M>]
>;

/** The JSON body `M P` accepts. */
export type ApiBody<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** One row of a list route's answer. */
export type ApiRow<P extends keyof paths> = ApiResponse<P, MethodOf<P> & 'get'> extends (infer R)[] ? R : never;

/** The query parameters `M P` takes. */
export type ApiQuery<P extends keyof paths, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
