import { describe, expect, it } from 'vitest';
import { bindHost } from '../src/bind-host.ts';

describe('bindHost', () => {
  it('an unset, empty or blank --host and HOST mean 127.0.0.1, with nothing to state', () => {
    for (const [flag, env] of [[undefined, undefined], [undefined, ''], ['', '  '], ['', undefined]] as const) {
      expect(bindHost(flag, env)).toEqual({ host: '127.0.0.1', loopback: true });
    }
  });

  it('anything else is stated with where it came from; --host wins over HOST', () => {
    expect(bindHost(undefined, '0.0.0.0')).toEqual({ host: '0.0.0.0', stated: 'HOST', loopback: false });
    expect(bindHost('::', '0.0.0.0')).toEqual({ host: '::', stated: '--host', loopback: false });
    expect(bindHost(' 127.0.0.2 ', undefined)).toEqual({ host: '127.0.0.2', stated: '--host', loopback: true });
    expect(bindHost('localhost', undefined)).toMatchObject({ stated: '--host', loopback: true });
  });
});
