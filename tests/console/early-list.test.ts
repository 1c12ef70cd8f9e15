import simpleRestProvider from 'ra-data-simple-rest';
import { describe, expect, it } from 'vitest';
import {
  type ListDefaults,
  listUrl,
  SUPPORT_CASES_LIST,
  TICKETS_LIST,
} from '../../console/src/listDefaults.js';

/**
 * Issue #15: the console's entry module asks for the first page of the queue the address opens before
 * react-admin has loaded, and the data provider takes that answer only if it would have asked for the very
 * same URL. So the URL the entry builds must be the data provider's, character for character.
 */
describe('the first list page asked for before react-admin loads', () => {
  const cases: [string, ListDefaults][] = [
    ['support-cases', SUPPORT_CASES_LIST],
    ['tickets', TICKETS_LIST],
    [
      'withdrawals',
      {
        filter: { status: ['requested', 'approved'], q: "a*b (c) d!e'f" },
        sort: { field: 'id', order: 'DESC' },
        perPage: 50,
      },
    ],
  ];

  it.each(cases)('%s: the same URL and Range header as ra-data-simple-rest', async (resource, d) => {
    const asked: { url: string; range: string | null }[] = [];
    const provider = simpleRestProvider('/api/admin', (url: string, options?: { headers?: HeadersInit }) => {
      asked.push({ url, range: new Headers(options?.headers).get('Range') });
      return Promise.resolve({
        status: 200,
        headers: new Headers({ 'Content-Range': `${resource} 0-0/0` }),
        body: '[]',
        json: [] as unknown,
      });
    });
    await provider.getList(resource, {
      pagination: { page: 1, perPage: d.perPage },
      sort: d.sort,
      filter: d.filter,
    });
    expect(asked).toHaveLength(1);
    expect(listUrl('/api/admin', resource, d)).toEqual(asked[0]);
  });
});
