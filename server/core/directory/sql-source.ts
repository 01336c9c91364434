// The IMAP server's own user list as a directory (DIRECTORY_SOURCE=sql): a read-only query against the database an
// existing userdb reads (Dovecot's SQL userdb, PostfixAdmin's or mailcow's mailbox table), in the same pipeline as
// LDAP (diff, safety stop, apply). The query names its columns for the mailbox fields: `address` (required),
// `imap_login` (NULL or absent: the address, as Dovecot usually logs users in), `display_name`, `alternate_address`,
// and `plan` (used only with DIRECTORY_SQL_PLANS=true). It runs in a READ ONLY transaction through a cursor, 1,000
// rows at a time, so a large table is never held in memory at once.
import pg from 'pg';
import type { AttributeMapping, RawEntry } from '../domain/directory/mapping.ts';
import type { BaseConfig } from '../config.ts';
import { DirectoryConfigError, DirectoryReadError } from './ldap-source.ts';

export interface SqlSettings { url: string; query: string; timeoutMs: number; mapping: AttributeMapping }

const PAGE_ROWS = 1000;
const COLUMNS = ['address', 'imap_login', 'display_name', 'alternate_address', 'plan'] as const;

type SqlConfig = Pick<BaseConfig, 'DIRECTORY_SQL_URL' | 'DIRECTORY_SQL_QUERY' | 'DIRECTORY_SQL_PLANS' | 'LDAP_TIMEOUT_MS'>;

export function sqlSettings(config: SqlConfig): SqlSettings {
  const problems: string[] = [];
  if (!config.DIRECTORY_SQL_URL) problems.push('DIRECTORY_SQL_URL is required');
  const query = config.DIRECTORY_SQL_QUERY.trim();
  if (!query) problems.push('DIRECTORY_SQL_QUERY is required');
  else if (!/^(select|with)\b/i.test(query) || query.includes(';')) problems.push('DIRECTORY_SQL_QUERY must be one SELECT (or WITH … SELECT) statement, without a semicolon');
  if (problems.length) throw new DirectoryConfigError(problems);
  return {
    url: config.DIRECTORY_SQL_URL, query, timeoutMs: config.LDAP_TIMEOUT_MS,
    mapping: { address: 'address', imapLogin: 'imap_login', displayName: 'display_name', alternateAddress: 'alternate_address', plan: config.DIRECTORY_SQL_PLANS ? 'plan' : undefined },
  };
}

/** Every row of the query, a page at a time. Throws DirectoryReadError when the database or the query fails. */
export async function* readSql(s: SqlSettings): AsyncGenerator<RawEntry[]> {
  const where = `directory database ${describeUrl(s.url)}`;
  const client = new pg.Client({ connectionString: s.url, connectionTimeoutMillis: s.timeoutMs, statement_timeout: s.timeoutMs, query_timeout: s.timeoutMs + 2_000 });
  client.on('error', () => undefined); // a dropped connection fails the query in flight, which is what reports it
  try {
    await client.connect();
  } catch (err) {
    throw new DirectoryReadError(`${where} cannot be reached: ${(err as Error).message}`, false);
  }
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`DECLARE mailwarden_directory NO SCROLL CURSOR FOR ${s.query}`);
    let offset = 0;
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(`FETCH ${PAGE_ROWS} FROM mailwarden_directory`);
      if (!rows.length) break;
      yield rows.map((row, i) => toRaw(row, offset + i));
      offset += rows.length;
    }
    await client.query('COMMIT');
  } catch (err) {
    const e = err as Error & { code?: string };
    // SQLSTATE class 42 (syntax error, unknown table or column) and 28/3D (login, database) cannot pass on a retry.
    const permanent = typeof e.code === 'string' && /^(42|28|3D)/.test(e.code);
    throw new DirectoryReadError(`${where}: the query failed: ${e.message}`, permanent);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A row as a directory entry: its columns as attributes (NULLs left out), named "sql row N (address)" in reports. */
function toRaw(row: Record<string, unknown>, index: number): RawEntry {
  const attributes: Record<string, string[]> = {};
  for (const column of COLUMNS) {
    const value = row[column];
    if (value !== null && value !== undefined && String(value).trim() !== '') attributes[column] = [String(value)];
  }
  if (!attributes.imap_login && attributes.address) attributes.imap_login = attributes.address;
  return { dn: `sql row ${index + 1}${attributes.address ? ` (${attributes.address[0]})` : ''}`, attributes };
}

/** host/database of the URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparseable DIRECTORY_SQL_URL)';
  }
}
