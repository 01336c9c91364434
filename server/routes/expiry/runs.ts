// Read-only history of expiry: runs (with totals aggregated from their mailbox rows), per-mailbox rows,
// and the per-message audit that answers "what happened to my mail". react-admin simple-rest lists.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { ExpiredMessageSchema, ExpiryRunSchema, MailboxRunSchema } from '../../schemas/expiry.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { MAILBOX_RUN_STATUSES } from '../../core/services/expiry-runs.ts';
import type { MailboxRunFilter, RunFilter } from '../../core/repositories/expiry-history.ts';
import { createExpiryHistoryService, type MessageQueryFilter } from '../../services/expiry-history.ts';
import { sendList } from '../../http/list-reply.ts';

const id = (raw: Record<string, unknown>, key: string) => filterValue.id(raw, key);

const runSpec = {
  sortable: ['id', 'startedAt', 'finishedAt', 'status'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): RunFilter => ({
    status: filterValue.oneOf(raw, 'status', ['running', 'completed', 'failed'] as const),
    dryRun: filterValue.boolean(raw, 'dryRun'),
    trigger: filterValue.oneOf(raw, 'trigger', ['scheduled', 'manual', 'preview', 'purge'] as const),
    ids: filterValue.ids(raw),
  }),
};

const mailboxRunSpec = {
  sortable: ['id', 'startedAt', 'finishedAt', 'status', 'matched', 'deleted', 'bytesFreed'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): MailboxRunFilter => ({
    runId: id(raw, 'runId'), mailboxId: id(raw, 'mailboxId'), status: filterValue.oneOf(raw, 'status', MAILBOX_RUN_STATUSES), ids: filterValue.ids(raw),
  }),
};

const messageSpec = {
  sortable: ['id', 'at', 'internalDate', 'size', 'folder'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): MessageQueryFilter => ({
    mailboxRunId: id(raw, 'mailboxRunId'), mailboxId: id(raw, 'mailboxId'), runId: id(raw, 'runId'),
    // Addresses are stored lower-cased (routes/mailboxes): "Alice@Example.org" finds alice@example.org.
    address: filterValue.string(raw, 'address', 254)?.trim().toLowerCase(),
    messageId: filterValue.string(raw, 'messageId', 998), folder: filterValue.string(raw, 'folder', 255),
    q: filterValue.string(raw, 'q'), state: filterValue.oneOf(raw, 'state', ['pending', 'done'] as const),
  }),
};

const runsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['expiry'];
  const access = { roles: ANY_STAFF };
  const history = createExpiryHistoryService(app.prisma);

  app.get('/expiry-runs', {
    config: { access },
    schema: { tags, summary: 'List expiry runs (sweeps, previews, single mailboxes) with totals', querystring: ListQuerystring, response: { 200: Type.Array(ExpiryRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, runSpec);
    const { rows, total } = await history.listRuns(query);
    return sendList(reply, 'expiry-runs', query.skip, rows, total);
  });

  app.get('/expiry-runs/:id', {
    config: { access },
    schema: { tags, summary: 'One expiry run with totals aggregated from its mailbox rows', params: IdParams, response: { 200: ExpiryRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => history.getRun(request.params.id));

  app.get('/expiry-mailbox-runs', {
    config: { access },
    schema: { tags, summary: 'Per-mailbox rows of expiry runs (filter runId, mailboxId, status)', querystring: ListQuerystring, response: { 200: Type.Array(MailboxRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, mailboxRunSpec);
    const { rows, total } = await history.listMailboxRuns(query);
    return sendList(reply, 'expiry-mailbox-runs', query.skip, rows, total);
  });

  app.get('/expiry-mailbox-runs/:id', {
    config: { access },
    schema: { tags, summary: 'One mailbox of an expiry run, with per-folder figures', params: IdParams, response: { 200: MailboxRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => history.getMailboxRun(request.params.id));

  app.get('/expired-messages', {
    config: { access },
    schema: {
      tags, summary: 'Per-message expiry audit: every message deleted or moved by expiry',
      description: 'Filter by mailboxRunId, runId, mailboxId, address (the mailbox\'s exact address, any case), messageId (exact Message-ID), folder, q (subject contains) or state. Without the message-metadata permission (canViewMessageMetadata; admins have it) subject and messageId are null and q is refused (403).',
      querystring: ListQuerystring, response: { 200: Type.Array(ExpiredMessageSchema), ...authErrors },
    },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, messageSpec);
    const { rows, total } = await history.listExpiredMessages(query, request.staff!.canViewMessageMetadata);
    return sendList(reply, 'expired-messages', query.skip, rows, total);
  });
};

export default runsRoutes;
