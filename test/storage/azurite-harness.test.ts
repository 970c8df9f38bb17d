import { TableServiceClient } from '@azure/data-tables';

describe('azurite global setup', () => {
  it('publishes a connection string to a running table service', async () => {
    const connectionString = process.env.OOMWATCH_TABLE_CONNECTION_STRING;
    expect(connectionString).toMatch(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1/);

    const service = TableServiceClient.fromConnectionString(connectionString ?? '', {
      allowInsecureConnection: true,
    });
    const name = `harness${Date.now()}`;
    await service.createTable(name);
    const names: string[] = [];
    for await (const table of service.listTables()) names.push(table.name ?? '');
    expect(names).toContain(name);
  });
});
