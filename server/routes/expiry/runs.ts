// Read-only history of expiry: runs (with totals aggregated from their mailbox rows), per-mailbox rows,
// and the per-message audit that answers "what happened to my mail". react-admin simple-rest lists.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { ExpiredMessageSchema, ExpiryRunSchema, MailboxRunSchema } from '../../schemas/expiry.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ForbiddenError, NotFoundError } from '../../core/domain/errors.ts';
import { expiredMessageWithoutMetadata } from '../../core/domain/message-metadata.ts';
import { MAILBOX_RUN_STATUSES, withTotals } from '../../core/services/expiry-runs.ts';
import { sendList } from '../../http/list-reply.ts';
import { toNumber } from '../../core/lib/bigint.ts';
import type { Db, Prisma } from '../../core/lib/prisma.ts';

const id = (raw: Record<string, unknown>, key: string) => filterValue.id(raw, key);

const runSpec = {
  sortable: ['id', 'startedAt', 'finishedAt', 'status'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    status: filterValue.oneOf(raw, 'status', ['running', 'completed', 'failed'] as const),
    dryRun: filterValue.boolean(raw, 'dryRun'),
    trigger: filterValue.oneOf(raw, 'trigger', ['scheduled', 'manual', 'preview'] as const),
    ids: filterValue.ids(raw),
  }),
};

const mailboxRunSpec = {
  sortable: ['id', 'startedAt', 'finishedAt', 'status', 'matched', 'deleted', 'bytesFreed'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    runId: id(raw, 'runId'), mailboxId: id(raw, 'mailboxId'), status: filterValue.oneOf(raw, 'status', MAILBOX_RUN_STATUSES), ids: filterValue.ids(raw),
  }),
};

const messageSpec = {
  sortable: ['id', 'at', 'internalDate', 'size', 'folder'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    mailboxRunId: id(raw, 'mailboxRunId'), mailboxId: id(raw, 'mailboxId'), runId: id(raw, 'runId'),
    // Addresses are stored lower-cased (routes/mailboxes): "Alice@Example.org" finds alice@example.org.
    address: filterValue.string(raw, 'address', 254)?.trim().toLowerCase(),
    messageId: filterValue.string(raw, 'messageId', 998), folder: filterValue.string(raw, 'folder', 255),
    q: filterValue.string(raw, 'q'), state: filterValue.oneOf(raw, 'state', ['pending', 'done'] as const),
  }),
};

type MailboxRunRow = Awaited<ReturnType<Db['expiryMailboxRun']['findFirstOrThrow']>> & { mailbox: { address: string } };
const toApiMailboxRun = ({ mailbox, ...r }: MailboxRunRow) => ({ ...r, address: mailbox.address, bytesFreed: toNumber(r.bytesFreed)!, folders: r.folders as never });

type MessageRow = Awaited<ReturnType<Db['expiredMessage']['findFirstOrThrow']>> & { mailboxRun: { runId: number } };
const toApiMessage = ({ mailboxRun, ...m }: MessageRow) => ({ ...m, id: Number(m.id), uidValidity: Number(m.uidValidity), runId: mailboxRun.runId });

const runsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['expiry'];
  const access = { roles: ANY_STAFF };

  app.get('/expiry-runs', {
    config: { access },
    schema: { tags, summary: 'List expiry runs (sweeps, previews, single mailboxes) with totals', querystring: ListQuerystring, response: { 200: Type.Array(ExpiryRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, runSpec);
    const { ids, ...f } = query.filter;
    const where = { ...f, ...(ids ? { id: { in: ids } } : {}) };
    const [rows, total] = await Promise.all([
      app.prisma.expiryRun.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
      app.prisma.expiryRun.count({ where }),
    ]);
    return sendList(reply, 'expiry-runs', query.skip, await withTotals(app.prisma, rows), total);
  });

  app.get('/expiry-runs/:id', {
    config: { access },
    schema: { tags, summary: 'One expiry run with totals aggregated from its mailbox rows', params: IdParams, response: { 200: ExpiryRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const run = await app.prisma.expiryRun.findUnique({ where: { id: request.params.id } });
    if (!run) throw new NotFoundError('Expiry run', request.params.id);
    return (await withTotals(app.prisma, [run]))[0];
  });

  app.get('/expiry-mailbox-runs', {
    config: { access },
    schema: { tags, summary: 'Per-mailbox rows of expiry runs (filter runId, mailboxId, status)', querystring: ListQuerystring, response: { 200: Type.Array(MailboxRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, mailboxRunSpec);
    const { ids, ...f } = query.filter;
    const where = { ...f, ...(ids ? { id: { in: ids } } : {}) };
    const [rows, total] = await Promise.all([
      app.prisma.expiryMailboxRun.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, include: { mailbox: { select: { address: true } } } }),
      app.prisma.expiryMailboxRun.count({ where }),
    ]);
    return sendList(reply, 'expiry-mailbox-runs', query.skip, rows.map(toApiMailboxRun), total);
  });

  app.get('/expiry-mailbox-runs/:id', {
    config: { access },
    schema: { tags, summary: 'One mailbox of an expiry run, with per-folder figures', params: IdParams, response: { 200: MailboxRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const row = await app.prisma.expiryMailboxRun.findUnique({ where: { id: request.params.id }, include: { mailbox: { select: { address: true } } } });
    if (!row) throw new NotFoundError('Expiry mailbox run', request.params.id);
    return toApiMailboxRun(row);
  });

  app.get('/expired-messages', {
    config: { access },
    schema: {
      tags, summary: 'Per-message expiry audit: every message deleted or moved by expiry',
      description: 'Filter by mailboxRunId, runId, mailboxId, address (the mailbox\'s exact address, any case), messageId (exact Message-ID), folder, q (subject contains) or state. Without the message-metadata permission (canViewMessageMetadata; admins have it) subject and messageId are null and q is refused (403).',
      querystring: ListQuerystring, response: { 200: Type.Array(ExpiredMessageSchema), ...authErrors },
    },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, messageSpec);
    const { runId, q, address, ...f } = query.filter;
    const withMetadata = request.staff!.canViewMessageMetadata;
    // A subject search would read subjects one guess at a time.
    if (q && !withMetadata) throw new ForbiddenError('filter.q searches message subjects, which needs the message-metadata permission');
    // expired_messages keeps the mailbox id without a relation to mailboxes: look the address up first.
    // An unknown address (or one that contradicts the mailboxId filter) finds nothing.
    const addressed = address ? await app.prisma.mailbox.findUnique({ where: { address }, select: { id: true } }) : undefined;
    if (addressed === null || (addressed && f.mailboxId && f.mailboxId !== addressed.id)) return sendList(reply, 'expired-messages', query.skip, [], 0);
    const where: Prisma.ExpiredMessageWhereInput = {
      ...f,
      ...(addressed ? { mailboxId: addressed.id } : {}),
      ...(runId ? { mailboxRun: { runId } } : {}),
      ...(q ? { subject: { contains: q, mode: 'insensitive' } } : {}),
    };
    const [rows, total] = await Promise.all([
      app.prisma.expiredMessage.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, include: { mailboxRun: { select: { runId: true } } } }),
      app.prisma.expiredMessage.count({ where }),
    ]);
    const messages = rows.map(toApiMessage);
    return sendList(reply, 'expired-messages', query.skip, withMetadata ? messages : messages.map(expiredMessageWithoutMetadata), total);
  });
};

export default runsRoutes;
