// Pure: loadConfig() against hand-made environments; nothing external.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/core/config.ts';

const minimal = { IMAP_ADMIN_PASSWORD: 'pw', SESSION_SECRET: 's'.repeat(32) };

describe('loadConfig', () => {
  it('applies documented defaults when only the secrets are set', () => {
    const config = loadConfig(minimal);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(3000);
    expect(config.IMAP_ADMIN_MODE).toBe('master');
    expect(config.IMAP_PORT).toBe(143);
  });

  it('names every missing required variable', () => {
    expect(() => loadConfig({})).toThrowError(ConfigError);
    try {
      loadConfig({});
    } catch (err) {
      expect((err as ConfigError).problems.join(' ')).toMatch(/IMAP_ADMIN_PASSWORD is required/);
      expect((err as ConfigError).problems.join(' ')).toMatch(/SESSION_SECRET is required/);
    }
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ ...minimal, PORT: '8080', IMAP_SECURE: 'true' });
    expect(config.PORT).toBe(8080);
    expect(config.IMAP_SECURE).toBe(true);
  });

  it('rejects wrong types and values, naming the variable', () => {
    const bad = () => loadConfig({ ...minimal, PORT: 'eighty', IMAP_ADMIN_MODE: 'root', DATABASE_URL: 'mysql://x' });
    expect(bad).toThrowError(/PORT must be integer/);
    expect(bad).toThrowError(/IMAP_ADMIN_MODE must be one of: master, authzid/);
    expect(bad).toThrowError(/DATABASE_URL must match pattern/);
  });

  it('rejects a short session secret without echoing it', () => {
    try {
      loadConfig({ ...minimal, SESSION_SECRET: 'tiny-secret-value' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).toMatch(/SESSION_SECRET must not have fewer than 32 characters/);
      expect(String(err)).not.toContain('tiny-secret-value');
    }
  });

  it('gives the policy service its documented defaults and refuses a multi-line action', () => {
    expect(loadConfig(minimal)).toMatchObject({
      POLICY_HOST: '127.0.0.1', POLICY_PORT: 10040, POLICY_SOCKET: '', POLICY_UNKNOWN_RECIPIENT_ACTION: 'DUNNO', POLICY_STALE_ACTION: 'DUNNO',
      POLICY_STALE_AFTER_HOURS: 48, POLICY_RECIPIENT_DELIMITER: '+', POLICY_METRICS_PORT: 9464,
    });
    expect(() => loadConfig({ ...minimal, POLICY_STALE_ACTION: 'DUNNO\naction=OK' })).toThrowError(/POLICY_STALE_ACTION must match pattern/);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(minimal))).toBe(true);
  });

  it('asks only for the secrets a process names: none for the policy service and CLIs, the IMAP password for a worker', () => {
    const none = loadConfig({}, []);
    expect(none.POLICY_PORT).toBe(10040);
    expect('SESSION_SECRET' in none || 'IMAP_ADMIN_PASSWORD' in none).toBe(false);
    expect(() => loadConfig({}, ['IMAP_ADMIN_PASSWORD'])).toThrowError(/^(?!.*SESSION_SECRET).*IMAP_ADMIN_PASSWORD is required/s);
    expect(loadConfig({ IMAP_ADMIN_PASSWORD: 'pw' }, ['IMAP_ADMIN_PASSWORD']).IMAP_ADMIN_PASSWORD).toBe('pw');
  });

  it('ignores a secret the process does not use, even a bad one, and keeps it out of the result', () => {
    const config = loadConfig({ IMAP_ADMIN_PASSWORD: 'pw', SESSION_SECRET: 'short' }, ['IMAP_ADMIN_PASSWORD']);
    expect(config).not.toHaveProperty('SESSION_SECRET');
    expect(() => loadConfig({ IMAP_ADMIN_PASSWORD: 'pw', SESSION_SECRET: 'short' })).toThrowError(/SESSION_SECRET must not have fewer than 32/);
  });

  it('still validates every other setting for a process that needs no secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', POLICY_PORT: 'x' }, [])).toThrowError(/DATABASE_URL must match pattern[\s\S]*POLICY_PORT must be integer/);
  });
});
