import fp from 'fastify-plugin';
import type { ApiConfig } from '../../core/config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
  }
}

/** Decorates the validated config so plugins and routes read settings from one place. */
export default fp<{ config: ApiConfig }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
  },
  { name: 'config' },
);
