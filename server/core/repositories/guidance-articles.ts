// Guidance articles (Markdown with placeholders), for the console's CRUD and the public help page.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { ArticleClient, ArticleProtocol } from '../domain/guidance/types.ts';

export interface ArticleFilter { q?: string; protocol?: ArticleProtocol; client?: ArticleClient; ids?: number[] }

export interface ArticleData {
  slug: string;
  protocol: ArticleProtocol;
  client: ArticleClient;
  title: string;
  markdown: string;
  position: number;
}

type Row = NonNullable<Awaited<ReturnType<DbOrTx['guidanceArticle']['findUnique']>>>;
export type Article = Omit<Row, 'protocol' | 'client'> & { protocol: ArticleProtocol; client: ArticleClient };

// The columns only ever hold values the API validated; the cast records that, it does not check it.
const toArticle = (row: Row) => row as Article;

export function createGuidanceArticleRepository(db: DbOrTx) {
  const where = (f: ArticleFilter) => ({
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.protocol ? { protocol: f.protocol } : {}),
    ...(f.client ? { client: f.client } : {}),
    ...(f.q ? { OR: [{ title: { contains: f.q, mode: 'insensitive' as const } }, { slug: { contains: f.q.toLowerCase() } }] } : {}),
  });
  return {
    async list(query: ListQuery<ArticleFilter>) {
      const [rows, total] = await Promise.all([
        db.guidanceArticle.findMany({ where: where(query.filter), orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'asc' }], skip: query.skip, take: query.take }),
        db.guidanceArticle.count({ where: where(query.filter) }),
      ]);
      return { rows: rows.map(toArticle), total };
    },
    /** Every article in page order, for the help page. */
    async all() {
      return (await db.guidanceArticle.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] })).map(toArticle);
    },
    async findById(id: number) {
      const row = await db.guidanceArticle.findUnique({ where: { id } });
      return row ? toArticle(row) : null;
    },
    create: async (data: ArticleData) => toArticle(await db.guidanceArticle.create({ data })),
    update: async (id: number, data: Partial<ArticleData>) => toArticle(await db.guidanceArticle.update({ where: { id }, data })),
    delete: (id: number) => db.guidanceArticle.delete({ where: { id } }),
  };
}
