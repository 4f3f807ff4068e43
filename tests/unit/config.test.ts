import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config.ts';

const anonKey = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl';

describe('parseConfig', () => {
  it.each([
    {
      name: 'nothing set: local stack, default host and port',
      env: {},
      expected: { HOST: 'localhost', PORT: 4321 },
    },
    {
      name: 'a hosted project',
      env: { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: anonKey },
      expected: { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: anonKey, PORT: 4321 },
    },
    {
      name: 'a publishable key',
      env: { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: 'sb_publishable_abc123' },
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
      name: 'a port that is not a number',
      env: { PORT: 'abc' },
      names: 'PORT: must be a port number',
    },
  ])('rejects $name, naming the setting', ({ env, names }) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(names);
  });
});
