// Guidance articles for the API: each change is written with its audit event in one transaction. Markdown the
// public /help page could not render is refused before anything is written (the field is named in the error).
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createGuidanceArticleRepository, type ArticleData } from '../core/repositories/guidance-articles.ts';
import { NotFoundError } from '../core/domain/errors.ts';
import { renderCheckedArticle } from '../core/domain/guidance/markdown.ts';
import type { StaffActor } from './actor.ts';

/** `seedStarterSet`: the mail settings' first read, which writes the starter articles on a fresh install. */
export function createGuidanceArticleService(db: Db, audit: AuditLog, seedStarterSet: () => Promise<unknown>) {
  return {
    async create(actor: StaffActor, input: Omit<ArticleData, 'position'> & { position?: number }) {
      renderCheckedArticle(input.markdown, {}, 'body.markdown');
      await seedStarterSet(); // first, so a new article is never the reason the starter set is skipped
      return db.$transaction(async (tx) => {
        const article = await createGuidanceArticleRepository(tx).create({ ...input, position: input.position ?? 0 });
        await audit.record(actor, { action: 'guidance-article.create', entityType: 'guidance-article', entityId: article.id, after: article }, tx);
        return article;
      });
    },

    async update(actor: StaffActor, id: number, changes: Partial<ArticleData>) {
      if (changes.markdown !== undefined) renderCheckedArticle(changes.markdown, {}, 'body.markdown');
      return db.$transaction(async (tx) => {
        const repo = createGuidanceArticleRepository(tx);
        const before = await repo.findById(id);
        if (!before) throw new NotFoundError('Article', id);
        const after = await repo.update(id, changes);
        await audit.record(actor, { action: 'guidance-article.update', entityType: 'guidance-article', entityId: id, before, after }, tx);
        return after;
      });
    },

    async remove(actor: StaffActor, id: number) {
      return db.$transaction(async (tx) => {
        const repo = createGuidanceArticleRepository(tx);
        const before = await repo.findById(id);
        if (!before) throw new NotFoundError('Article', id);
        await repo.delete(id);
        await audit.record(actor, { action: 'guidance-article.delete', entityType: 'guidance-article', entityId: id, before }, tx);
        return before;
      });
    },
  };
}
