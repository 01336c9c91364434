// Prisma CLI configuration (migrate, generate). Runs the JS/wasm engines only: these machines
// cannot download Prisma's native engine binaries. The three workarounds below are recorded in
// ../shared/STACK.md; each was seen failing without it.
import 'dotenv/config';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// 1. prisma/orm#27403: adapter-pg 6.x cannot deserialize the catalog types `name` (OID 19) and
//    `"char"` (OID 18) that the migration engine queries; report them as text (OID 25).
const CATALOG_TEXT_OIDS = new Set([18, 19]);
type FieldDescription = { dataTypeID: number };
const resultProto = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
const addFields = resultProto.addFields;
resultProto.addFields = function (fieldDescriptions) {
  for (const field of fieldDescriptions) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  return addFields.call(this, fieldDescriptions);
};

// 2. Discrete connection fields: with a connection string the shadow database silently becomes the main one.
function poolConfig(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

// 3. The stock shadow teardown drops the database while its own pool is still connected.
class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg);
  }

  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.cfg, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to downloading a query engine.
process.env.DATABASE_URL ??= 'postgresql://root@127.0.0.1:5432/mailwarden';
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new MigrationAdapterFactory(poolConfig(databaseUrl)),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
});
