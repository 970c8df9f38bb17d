/** JSON or CSV for a listing, from format= and the Accept header. */
import { chooseListFormat } from '../../shared/api/response-format';

describe('chooseListFormat', () => {
  it.each<[string | null, 'json' | 'csv']>([
    [null, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/csv', 'csv'],
    ['Text/CSV; charset=utf-8', 'csv'],
    ['text/*', 'csv'],
    ['text/csv, application/json', 'json'],
    ['text/csv, application/json;q=0.5', 'csv'],
    ['application/json;q=0.1, text/csv;q=0.9', 'csv'],
    ['text/csv;q=0, */*', 'json'],
    ['text/html', 'json'],
  ])('Accept %j gives %s', (accept, expected) => {
    expect(chooseListFormat(undefined, accept)).toBe(expected);
  });

  it('lets format= win over Accept', () => {
    expect(chooseListFormat('json', 'text/csv')).toBe('json');
    expect(chooseListFormat('csv', 'application/json')).toBe('csv');
  });
});
