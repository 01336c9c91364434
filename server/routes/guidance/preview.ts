// Live preview for the console's article editor: the Markdown rendered exactly as /help will render it
// (placeholders filled with today's values, then sanitized), so what staff see is what users get. Markdown
// nested too deeply, or rendering to too much HTML, is a 400 naming body.markdown (the same check as on save).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authErrors } from '../../schemas/common.ts';
import { PreviewRequestSchema, PreviewResponseSchema } from '../../schemas/guidance.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { InvalidInputError } from '../../core/domain/errors.ts';
import { parseAddress } from '../../core/domain/guidance/address.ts';
import { placeholderValues } from '../../core/domain/guidance/live-values.ts';
import { renderCheckedArticle } from '../../core/domain/guidance/markdown.ts';
import { loadGuidanceContext } from '../../services/guidance-context.ts';

const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/preview', {
    config: { access: { roles: ANY_STAFF } },
    // An article is at most 20,000 characters; 64 KiB leaves room for JSON escaping and multi-byte text.
    bodyLimit: 65_536,
    schema: { tags: ['guidance'], summary: 'Render article Markdown with live values (sanitized HTML)', body: PreviewRequestSchema, response: { 200: PreviewResponseSchema, ...authErrors } },
  }, async (request) => {
    const { markdown, email } = request.body;
    const address = email ? parseAddress(email) : null;
    if (email && !address) throw new InvalidInputError('body.email', 'must be an email address');
    // Never personal: the preview shows the organisation's numbers, whoever the address is.
    const { facts } = await loadGuidanceContext(app.prisma, app.config.PUBLIC_BASE_URL, { address });
    const values = placeholderValues(facts);
    return { html: renderCheckedArticle(markdown, values, 'body.markdown'), values };
  });
};

export default previewRoutes;
