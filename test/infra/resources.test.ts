/**
 * The settings of each resource that the design depends on, read from the compiled template
 * when the compiler is restored and from the Bicep text otherwise.
 */
import { tableNames } from '../../shared/storage/table-names';
import { allResources, compileMainTemplate, readInfraFile } from './bicep-template';

/** The tables shared/storage uses, from the code itself; all are created by the template. */
const TABLES = Object.values(tableNames());

/** Properties of the first compiled resource of a type, or null without a compiler. */
function compiledProperties(type: string): Record<string, unknown> | null {
  if (compiled === null) return null;
  const found = allResources(compiled).find(
    ({ resource }) => resource.type === type && !('existing' in resource),
  );
  if (found === undefined) throw new Error(`no ${type} in the compiled template`);
  return found.resource.properties ?? {};
}

const compiled = compileMainTemplate();

describe('storage account', () => {
  const text = readInfraFile('modules/storage.bicep');

  test('allows Entra ID only, TLS 1.2 and no public blobs', () => {
    const properties = compiledProperties('Microsoft.Storage/storageAccounts');
    if (properties !== null) {
      expect(properties).toMatchObject({
        allowSharedKeyAccess: false,
        allowBlobPublicAccess: false,
        minimumTlsVersion: 'TLS1_2',
      });
    }
    expect(text).toMatch(/^ {4}allowSharedKeyAccess: false$/m);
    expect(text).toMatch(/^ {4}allowBlobPublicAccess: false$/m);
    expect(text).toMatch(/^ {4}minimumTlsVersion: 'TLS1_2'$/m);
  });

  test.each(TABLES)('creates table %s', (table) => {
    expect(readInfraFile('main.bicep')).toMatch(new RegExp(`^ {2}'${table}'$`, 'm'));
  });
});

describe('Event Hubs', () => {
  const text = readInfraFile('modules/eventhubs.bicep');

  test('is Standard with the Kafka endpoint on', () => {
    const properties = compiledProperties('Microsoft.EventHub/namespaces');
    if (properties !== null) expect(properties).toMatchObject({ kafkaEnabled: true });
    expect(text).toMatch(/name: 'Standard'/);
    expect(text).toMatch(/^ {4}kafkaEnabled: true$/m);
  });

  test('gives forwarders a hub-scoped rule that can only send', () => {
    const properties = compiledProperties(
      'Microsoft.EventHub/namespaces/eventhubs/authorizationRules',
    );
    if (properties !== null) expect(properties).toEqual({ rights: ['Send'] });
    expect(text).toMatch(/'Microsoft\.EventHub\/namespaces\/eventhubs\/authorizationRules@/);
    expect(text).not.toMatch(/'Microsoft\.EventHub\/namespaces\/authorizationRules@/);
    expect(text).toMatch(/rights: \['Send'\]/);
  });
});

describe('function app', () => {
  const text = readInfraFile('modules/function-app.bicep');

  test('runs Node.js 22 on Flex Consumption', () => {
    const properties = compiledProperties('Microsoft.Web/sites');
    if (properties !== null) {
      expect(properties).toMatchObject({
        functionAppConfig: { runtime: { name: 'node', version: '22' } },
      });
    }
    expect(text).toMatch(/name: 'FC1'/);
    expect(text).toMatch(/tier: 'FlexConsumption'/);
  });

  test('deploys from the blob container with its identity, not a key', () => {
    expect(text).toMatch(/type: 'UserAssignedIdentity'/);
    expect(text).not.toMatch(/storageAccountConnectionStringName/);
  });
});

describe('Application Insights', () => {
  test('accepts Entra ID-authenticated telemetry only', () => {
    const properties = compiledProperties('Microsoft.Insights/components');
    if (properties !== null) expect(properties).toMatchObject({ DisableLocalAuth: true });
    expect(readInfraFile('modules/monitoring.bicep')).toMatch(/^ {4}DisableLocalAuth: true$/m);
  });
});

describe('templates', () => {
  test('use no registry modules, so they compile offline', () => {
    for (const file of ['main.bicep', 'modules/rbac.bicep', 'modules/function-app.bicep']) {
      expect(readInfraFile(file)).not.toMatch(/'br[/:]/);
    }
  });

  test('bicepconfig.json says why each rule it turns off is off', () => {
    const lines = readInfraFile('bicepconfig.json').split('\n');
    lines.forEach((line, index) => {
      if (line.includes('"level": "off"')) {
        expect(lines[index - 1]?.trim().startsWith('//')).toBe(true);
      }
    });
  });
});
