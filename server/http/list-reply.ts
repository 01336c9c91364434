import type { FastifyReply } from 'fastify';

/** Sends a list page the way ra-data-simple-rest expects: JSON array + `Content-Range: resource start-end/total`. */
export function sendList<T>(reply: FastifyReply, resource: string, skip: number, rows: T[], total: number) {
  const end = rows.length ? skip + rows.length - 1 : skip;
  reply.header('Content-Range', `${resource} ${skip}-${end}/${total}`);
  return rows;
}
