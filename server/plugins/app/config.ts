import fp from 'fastify-plugin';
import type { Config } from '../../core/config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Decorates the validated config so plugins and routes read settings from one place. */
export default fp<{ config: Config }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
  },
  { name: 'config' },
);
