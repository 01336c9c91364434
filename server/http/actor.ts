// The service-call actor of a request. Only for routes with an access rule of staff roles: the auth plugin has
// refused the request before the handler when nobody is signed in.
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../services/actor.ts';

export const actorOf = (request: FastifyRequest): StaffActor => ({ staff: request.staff!, id: request.id });
