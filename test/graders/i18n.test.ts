import { describe, expect, test } from 'vitest';
import { messages, msg, type MessageKey } from '../../graders/src/i18n.ts';

describe('the message catalogue', () => {
  const params = { fn: 'f', name: 'Error', message: 'm', where: 'a.ts:1', phase: 'p', seconds: 1, limit: 1, reason: 'r', count: 1, first: 'x', names: 'a', what: 'w', version: '20.19.0', required: '20.19.0', tfjs: '4.22.0', pkg: 'p', fix: 'f', problem: 'q', slug: 's', files: 'f.ts', file: 'f.ts', path: 'e/f.ts', wall: 2, cpu: 1, idle: 60, time: '12:00:00', backend: 'tensorflow' };
  test.each(Object.keys(messages) as MessageKey[])('"%s" renders in English and Norwegian', (key) => {
    const en = msg(key, 'en', params);
    const nb = msg(key, 'nb', params);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(nb.trim().length).toBeGreaterThan(0);
    expect(en).not.toContain('undefined');
    expect(nb).not.toContain('undefined');
  });
});
