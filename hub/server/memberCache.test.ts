import { describe, expect, it } from 'vitest';
import { memberCache } from './memberCache';
import type { Member } from '../store/types';

const olga: Member = { project: 'p', id: 'olga', name: 'Olga', roles: ['owner'], tokenExpiresAt: null, createdAt: '2026-01-01', revokedAt: null, lastSyncAt: null, reportedPending: null };

describe('memberCache', () => {
  it('asks the store once within the ttl, again after it, at once after forget, and never remembers an unknown token', async () => {
    const rows = new Map<string, Member>([['h1', olga]]);
    const asked: string[] = [];
    const cache = memberCache(async (h) => (asked.push(h), rows.get(h)), 50);
    expect(await cache.byTokenHash('h1')).toEqual(olga);
    expect(await cache.byTokenHash('h1')).toEqual(olga);
    expect(asked).toEqual(['h1']);
    rows.set('h1', { ...olga, revokedAt: '2026-02-01' });
    cache.forget('p', 'olga');
    expect((await cache.byTokenHash('h1'))?.revokedAt).toBe('2026-02-01');
    rows.set('h1', { ...olga, revokedAt: '2026-03-01' });
    await new Promise((r) => setTimeout(r, 60));
    expect((await cache.byTokenHash('h1'))?.revokedAt).toBe('2026-03-01');
    expect(await cache.byTokenHash('h2')).toBeUndefined();
    rows.set('h2', { ...olga, id: 'bo' });
    expect((await cache.byTokenHash('h2'))?.id).toBe('bo');
    expect(asked).toEqual(['h1', 'h1', 'h1', 'h2', 'h2']);
  });
});
