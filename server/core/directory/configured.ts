// The directory sync as configured: which source, its settings, the safety stop. Built once per worker process;
// a misconfiguration is reported when a run starts (DirectoryConfigError), not when the process starts, so a
// worker without directory settings keeps doing everything else.
import type { Redis } from 'ioredis';
import type { BaseConfig } from '../config.ts';
import type { Db } from '../lib/prisma.ts';
import { DirectoryConfigError, ldapSettings, readLdap } from './ldap-source.ts';
import { describeUrl, readSql, sqlSettings } from './sql-source.ts';
import type { SyncDeps } from './sync.ts';

type DirectoryConfig = BaseConfig & { LDAP_BIND_PASSWORD?: string };

export function configuredSync(config: DirectoryConfig, prisma: Db, redis: Redis, logger: SyncDeps['logger']): SyncDeps {
  if (config.DIRECTORY_SOURCE === 'none') throw new DirectoryConfigError(['DIRECTORY_SOURCE is none: no directory to sync from']);
  const source = config.DIRECTORY_SOURCE === 'sql' ? sqlSource(config) : ldapSource(config);
  return {
    prisma, redis, queuePrefix: config.QUEUE_PREFIX, source: config.DIRECTORY_SOURCE, ...source,
    maxDisablePercent: config.DIRECTORY_MAX_DISABLE_PERCENT, logger,
    gone: { status: config.DIRECTORY_GONE_STATUS, graceDays: config.MAILBOX_PURGE_GRACE_DAYS }, keepRuns: config.DIRECTORY_KEEP_RUNS,
  };
}

function ldapSource(config: DirectoryConfig): Pick<SyncDeps, 'mapping' | 'read'> {
  const settings = ldapSettings(config);
  return { mapping: settings.mapping, read: () => readLdap(settings) };
}

function sqlSource(config: DirectoryConfig): Pick<SyncDeps, 'mapping' | 'read'> {
  const settings = sqlSettings(config);
  return { mapping: settings.mapping, read: () => readSql(settings) };
}

/** What the console may show of the configuration: never the bind password. */
export function describeSource(config: DirectoryConfig) {
  return {
    source: config.DIRECTORY_SOURCE, url: config.LDAP_URL, startTls: config.LDAP_STARTTLS, baseDn: config.LDAP_BASE_DN, filter: config.LDAP_FILTER,
    bindDn: config.LDAP_BIND_DN, mapping: {
      address: config.LDAP_ATTR_ADDRESS, imapLogin: config.LDAP_ATTR_LOGIN, displayName: config.LDAP_ATTR_NAME,
      alternateAddress: config.LDAP_ATTR_ALTERNATE, plan: config.LDAP_ATTR_PLAN,
    },
    // DIRECTORY_SOURCE=sql: where and what it reads (host and database only: the URL's password stays out).
    sql: config.DIRECTORY_SOURCE === 'sql' ? { database: describeUrl(config.DIRECTORY_SQL_URL), query: config.DIRECTORY_SQL_QUERY, plans: config.DIRECTORY_SQL_PLANS } : null,
    maxDisablePercent: config.DIRECTORY_MAX_DISABLE_PERCENT, cron: config.DIRECTORY_SYNC_CRON,
    goneStatus: config.DIRECTORY_GONE_STATUS, purgeGraceDays: config.MAILBOX_PURGE_GRACE_DAYS, keepRuns: config.DIRECTORY_KEEP_RUNS,
  };
}
