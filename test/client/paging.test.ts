import { describe, expect, it } from 'vitest';
import { bearerToken, FilterBuilder, ScimClient } from '../../packages/client/src/index.js';
import { list, scripted } from './scripted.js';

const BASE = 'https://scim.example.com/v2';
const users = (fetcher: typeof fetch) =>
  new ScimClient({ baseUrl: BASE, auth: bearerToken('t'), fetch: fetcher }).resources('/Users');
const named = (...ids: string[]) => ids.map((id) => ({ id, userName: id }));

/** What each request asked for: its paging parameters. */
const asked = (sent: { url: string }[]) =>
  sent.map(({ url }) => {
    const query = new URL(url, BASE).searchParams;
    return Object.fromEntries(
      ['startIndex', 'cursor', 'count'].flatMap((k) => (query.has(k) ? [[k, query.get(k)]] : [])),
    );
  });

async function collect(iterator: AsyncIterable<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const resource of iterator) ids.push(resource.id);
  return ids;
}

describe('all() by cursor against a server that ignores cursor', () => {
  it('reads on by startIndex when the first page has no nextCursor but totalResults says there is more', async () => {
    const { sent, fetcher } = scripted([
      list(named('a', 'b'), { totalResults: 5, startIndex: 1 }),
      list(named('c', 'd'), { totalResults: 5, startIndex: 3 }),
      list(named('e'), { totalResults: 5, startIndex: 5 }),
    ]);
    expect(await collect(users(fetcher).all({ count: 2 }, 'cursor'))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked(sent)).toEqual([
      { cursor: '', count: '2' },
      { startIndex: '3', count: '2' },
      { startIndex: '5', count: '2' },
    ]);
  });

  it('stops after one page when that page is everything', async () => {
    const { sent, fetcher } = scripted([list(named('a', 'b'))]);
    expect(await collect(users(fetcher).all({ count: 2 }, 'cursor'))).toEqual(['a', 'b']);
    expect(sent).toHaveLength(1);
  });

  it('follows nextCursor from a server that pages by cursor, and stops where it ends', async () => {
    const { sent, fetcher } = scripted([
      list(named('a', 'b'), { totalResults: 3, nextCursor: 'c1' }),
      list(named('c'), { totalResults: 3 }),
    ]);
    expect(await collect(users(fetcher).all({ count: 2 }, 'cursor'))).toEqual(['a', 'b', 'c']);
    expect(asked(sent)).toEqual([
      { cursor: '', count: '2' },
      { cursor: 'c1', count: '2' },
    ]);
  });
});

describe('all() by startIndex', () => {
  it('goes on while pages come back full, though totalResults undercounts', async () => {
    const { sent, fetcher } = scripted([
      list(named('a', 'b'), { totalResults: 2 }),
      list(named('c', 'd'), { totalResults: 2 }),
      list(named('e'), { totalResults: 2 }),
    ]);
    expect(await collect(users(fetcher).all({ count: 2 }))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked(sent)).toEqual([
      { startIndex: '1', count: '2' },
      { startIndex: '3', count: '2' },
      { startIndex: '5', count: '2' },
    ]);
  });

  it('takes the first page as the page size when no count is given, and stops at an empty page', async () => {
    const { sent, fetcher } = scripted([
      list(named('a', 'b', 'c'), { totalResults: 1 }),
      list([], { totalResults: 1 }),
    ]);
    expect(await collect(users(fetcher).all())).toEqual(['a', 'b', 'c']);
    expect(asked(sent)).toEqual([{ startIndex: '1' }, { startIndex: '4' }]);
  });

  it('reads short pages up to totalResults (a server capping count below the one asked)', async () => {
    const { fetcher } = scripted([
      list(named('a'), { totalResults: 3 }),
      list(named('b'), { totalResults: 3 }),
      list(named('c'), { totalResults: 3 }),
    ]);
    expect(await collect(users(fetcher).all({ count: 100 }))).toEqual(['a', 'b', 'c']);
  });

  it('fails, instead of looping, when the server answers the same page for every startIndex', async () => {
    const { fetcher } = scripted([
      list(named('a', 'b'), { totalResults: 9 }),
      list(named('a', 'b'), { totalResults: 9 }),
    ]);
    await expect(collect(users(fetcher).all({ count: 2 }))).rejects.toThrow(
      `${BASE}/Users answered startIndex 3 with the page before it again: the server ignores startIndex`,
    );
  });
});

describe('FilterBuilder value paths', () => {
  const f = new FilterBuilder<Record<string, string>>();

  it.each([
    [f.eq('emails[type eq "work"].value', 'a@b.c'), 'emails[type eq "work" and value eq "a@b.c"]'],
    [f.co('emails[type eq "work"].value', '@b.c'), 'emails[type eq "work" and value co "@b.c"]'],
    [f.pr('emails[type eq "work"].value'), 'emails[type eq "work" and value pr]'],
    [
      f.eq('emails[type eq "work" or primary eq true].value', 'x'),
      'emails[(type eq "work" or primary eq true) and value eq "x"]',
    ],
    [
      f.eq('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value', 'x'),
      'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work" and value eq "x"]',
    ],
    [f.eq('emails.value', 'x'), 'emails.value eq "x"'],
    [f.eq('userName', 'x"] or userName pr'), 'userName eq "x\\"] or userName pr"'],
  ])('writes %s', (filter, text) => {
    expect(filter.text).toBe(text);
  });

  it('is filter grammar the runtime parses as one value filter', async () => {
    const { parseFilter } = await import('../../packages/runtime/src/index.js');
    expect(parseFilter(f.eq('emails[type eq "work"].value', 'a@b.c').text)).toMatchObject({
      kind: 'valuePath',
      filter: { kind: 'and', right: { kind: 'compare', op: 'eq', value: 'a@b.c' } },
    });
  });
});
