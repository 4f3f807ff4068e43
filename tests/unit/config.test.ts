import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, parseConfig } from '../../src/lib/server/config.ts';

const anonKey = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl';

describe('parseConfig', () => {
  it.each([
    {
      name: 'nothing set: local stack, default host and port, no proxy',
      env: {},
      expected: { HOST: 'localhost', PORT: 4321, TRUSTED_PROXY_HOPS: 0, SIGN_IN_RATE_LIMIT: 30 },
    },
    {
      name: 'a sign-in limit per client address raised',
      env: { SIGN_IN_RATE_LIMIT: '100000' },
      expected: { SIGN_IN_RATE_LIMIT: 100_000 },
    },
    {
      name: 'one reverse proxy in front',
      env: { TRUSTED_PROXY_HOPS: '1' },
      expected: { TRUSTED_PROXY_HOPS: 1 },
    },
    {
      name: 'a hosted project',
      env: {
        SUPABASE_URL: 'https://abc.supabase.co',
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123',
      },
      expected: { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: anonKey, PORT: 4321 },
    },
    {
      name: 'a publishable key',
      env: {
        SUPABASE_URL: 'https://abc.supabase.co',
        SUPABASE_ANON_KEY: 'sb_publishable_abc123',
        SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123',
      },
      expected: { SUPABASE_ANON_KEY: 'sb_publishable_abc123' },
    },
    {
      name: 'empty values count as unset',
      env: { SUPABASE_URL: '', SUPABASE_ANON_KEY: '' },
      expected: { HOST: 'localhost' },
    },
    {
      name: 'port from the environment',
      env: { PORT: '8080', HOST: '0.0.0.0' },
      expected: { PORT: 8080, HOST: '0.0.0.0' },
    },
    {
      name: 'Resend with a sender, a reply-to and a service-role key',
      env: {
        SUPABASE_URL: 'https://abc.supabase.co',
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123',
        RESEND_API_KEY: 're_123abc',
        EMAIL_FROM: 'Barnevernstjenesten <ikke-svar@kommune.no>',
        EMAIL_REPLY_TO: 'post@kommune.no',
      },
      expected: { RESEND_API_KEY: 're_123abc', EMAIL_REPLY_TO: 'post@kommune.no' },
    },
    {
      name: 'a bare sender address, and the default e-mail timeout',
      env: { RESEND_API_KEY: 're_123abc', EMAIL_FROM: 'ikke-svar@kommune.no' },
      expected: { EMAIL_FROM: 'ikke-svar@kommune.no', EMAIL_TIMEOUT_MS: 10_000 },
    },
    {
      name: "single sign-on for the municipality's domain",
      env: { COORDINATOR_SSO_DOMAIN: 'steinkjer.kommune.no' },
      expected: { COORDINATOR_SSO_DOMAIN: 'steinkjer.kommune.no' },
    },
  ])('accepts $name', ({ env, expected }) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each([
    {
      name: 'a URL without a key',
      env: { SUPABASE_URL: 'https://abc.supabase.co' },
      names: 'SUPABASE_ANON_KEY: is required',
    },
    {
      name: 'a hosted project without the service-role key the site submits with',
      env: { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: anonKey },
      names: 'SUPABASE_SERVICE_ROLE_KEY: is required when SUPABASE_URL is set',
    },
    {
      name: 'a key without a URL',
      env: { SUPABASE_ANON_KEY: anonKey },
      names: 'SUPABASE_URL: is required',
    },
    {
      name: 'a malformed URL',
      env: { SUPABASE_URL: 'abc.supabase.co', SUPABASE_ANON_KEY: anonKey },
      names: 'SUPABASE_URL: must be an http(s) URL',
    },
    {
      name: 'a non-http URL',
      env: { SUPABASE_URL: 'ftp://abc.supabase.co', SUPABASE_ANON_KEY: anonKey },
      names: 'SUPABASE_URL: must be an http(s) URL',
    },
    {
      name: 'a service-role secret instead of a key',
      env: { SUPABASE_URL: 'https://a.supabase.co', SUPABASE_ANON_KEY: 'sb_secret_abc' },
      names: 'SUPABASE_ANON_KEY: must be',
    },
    { name: 'a port out of range', env: { PORT: '70000' }, names: 'PORT: must be a port number' },
    {
      name: 'an SSO domain given as an address',
      env: { COORDINATOR_SSO_DOMAIN: 'kari@steinkjer.kommune.no' },
      names: 'COORDINATOR_SSO_DOMAIN: must be an e-mail domain',
    },
    {
      name: 'an SSO domain given as a URL',
      env: { COORDINATOR_SSO_DOMAIN: 'https://steinkjer.kommune.no' },
      names: 'COORDINATOR_SSO_DOMAIN: must be an e-mail domain',
    },
    {
      name: 'a proxy count that is not a whole number',
      env: { TRUSTED_PROXY_HOPS: 'yes' },
      names: 'TRUSTED_PROXY_HOPS: must be the number of proxies',
    },
    {
      name: 'a sign-in limit of zero',
      env: { SIGN_IN_RATE_LIMIT: '0' },
      names: 'SIGN_IN_RATE_LIMIT: must be a whole number of sign-in attempts',
    },
    {
      name: 'a negative proxy count',
      env: { TRUSTED_PROXY_HOPS: '-1' },
      names: 'TRUSTED_PROXY_HOPS: must be the number of proxies',
    },
    {
      name: 'a port that is not a number',
      env: { PORT: 'abc' },
      names: 'PORT: must be a port number',
    },
    {
      name: 'a Resend key without a sender',
      env: { RESEND_API_KEY: 're_123abc' },
      names: 'EMAIL_FROM: is required when RESEND_API_KEY is set',
    },
    {
      name: 'a malformed Resend key',
      env: { RESEND_API_KEY: 'abc123', EMAIL_FROM: 'a@kommune.no' },
      names: 'RESEND_API_KEY: must be a Resend API key',
    },
    {
      name: 'a malformed sender',
      env: { RESEND_API_KEY: 're_123', EMAIL_FROM: 'Barnevernet <kommune.no>' },
      names: 'EMAIL_FROM: must be an e-mail address',
    },
    {
      name: 'a malformed reply-to',
      env: { EMAIL_REPLY_TO: 'post at kommune.no' },
      names: 'EMAIL_REPLY_TO: must be an e-mail address',
    },
    {
      name: 'an anon key given as the service-role key',
      env: { SUPABASE_SERVICE_ROLE_KEY: 'sb_publishable_abc' },
      names: 'SUPABASE_SERVICE_ROLE_KEY: must be',
    },
    {
      name: 'an e-mail timeout out of range',
      env: { EMAIL_TIMEOUT_MS: '5' },
      names: 'EMAIL_TIMEOUT_MS: must be a number of milliseconds',
    },
  ])('rejects $name, naming the setting', ({ env, names }) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(names);
  });
});

describe('configWarnings', () => {
  it('says when e-mail goes to the local mailbox', () => {
    expect(configWarnings(parseConfig({}))).toEqual([
      expect.stringContaining('RESEND_API_KEY is not set'),
    ]);
    const hosted = parseConfig({
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_ANON_KEY: anonKey,
      SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123',
      RESEND_API_KEY: 're_123abc',
      EMAIL_FROM: 'ikke-svar@kommune.no',
    });
    expect(configWarnings(hosted)).toEqual([]);
  });
});
