/** Which storage the process uses, from its settings, and what it says when they are wrong. */
import { resolveTableAccess } from '../../shared/storage/table-client-factory';

describe('resolveTableAccess', () => {
  it('takes a connection string first', () => {
    const env = {
      OOMWATCH_TABLE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      OOMWATCH_TABLE_ENDPOINT: 'https://acct.table.core.windows.net',
    };
    expect(resolveTableAccess(env)).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
    });
  });

  it('says what is wrong with a string that is no connection string', () => {
    expect(() => resolveTableAccess({ OOMWATCH_TABLE_CONNECTION_STRING: 'garbage' })).toThrow(
      'OOMWATCH_TABLE_CONNECTION_STRING is not a storage connection string: expected ' +
        'key=value pairs such as AccountName=…;AccountKey=… or TableEndpoint=…',
    );
  });

  it('uses the endpoint with a credential when no connection string is set', () => {
    const access = resolveTableAccess({
      OOMWATCH_TABLE_ENDPOINT: 'https://acct.table.core.windows.net',
    });
    expect(access.kind).toBe('identity');
  });
});
