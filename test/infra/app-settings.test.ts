/**
 * The template sets every app setting the code reads (shared/config/app-settings.ts) and only
 * identity-based connections: no keys, no connection strings, nothing Flex Consumption rejects.
 */
import { APP_SETTINGS, type AppSettingKey } from '../../shared/config/app-settings';
import {
  allResources,
  compileMainTemplate,
  readInfraFile,
  type ArmTemplate,
} from './bicep-template';

/**
 * Settings for local runs only (Azurite, an SMTP sink), never set in Azure. Names rather than
 * keys, so a name listed here before it reaches app-settings.ts still type-checks.
 */
const LOCAL_ONLY: readonly string[] = ['OOMWATCH_TABLE_CONNECTION_STRING', 'OOMWATCH_SMTP_URL'];

const AZURE_SETTINGS = (Object.keys(APP_SETTINGS) as AppSettingKey[])
  .map((key) => APP_SETTINGS[key])
  .filter((name) => !LOCAL_ONLY.includes(name));

/** Settings Flex Consumption does not support or takes from functionAppConfig instead. */
const NOT_ON_FLEX = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_TIME_ZONE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
];

/** App settings from the compiled `Microsoft.Web/sites/config` resource named appsettings. */
function settingsFromCompiled(template: ArmTemplate): Map<string, string> {
  const configs = allResources(template).filter(
    ({ resource }) =>
      resource.type === 'Microsoft.Web/sites/config' && resource.name.includes("'appsettings'"),
  );
  expect(configs).toHaveLength(1);
  const properties = configs[0]?.resource.properties ?? {};
  return new Map(Object.entries(properties).map(([name, value]) => [name, String(value)]));
}

/** App settings read from the `appSettings` resource of modules/function-app.bicep. */
function settingsFromText(): Map<string, string> {
  const text = readInfraFile('modules/function-app.bicep');
  const start = text.indexOf("resource appSettings 'Microsoft.Web/sites/config");
  expect(start).toBeGreaterThan(-1);
  const end = text.indexOf('\n}\n', start);
  const block = text.slice(start, end);
  const settings = new Map<string, string>();
  for (const match of block.matchAll(/^ {4}([A-Za-z_][A-Za-z0-9_]*): (.+)$/gm)) {
    settings.set(match[1] ?? '', match[2] ?? '');
  }
  return settings;
}

const compiled = compileMainTemplate();
const settings = compiled === null ? settingsFromText() : settingsFromCompiled(compiled);

describe(`app settings in the template (${compiled === null ? 'Bicep text' : 'compiled'})`, () => {
  test.each(AZURE_SETTINGS)('sets %s', (name) => {
    expect(settings.has(name)).toBe(true);
  });

  test.each(LOCAL_ONLY)('never sets local-only %s', (name) => {
    expect(settings.has(name)).toBe(false);
  });

  test('connects to host storage and Event Hubs through the managed identity', () => {
    expect(settings.has('AzureWebJobsStorage')).toBe(false);
    expect(settings.has('AzureWebJobsStorage__accountName')).toBe(true);
    expect(settings.get('AzureWebJobsStorage__credential')).toContain('managedidentity');
    expect(settings.get('EventHubConnection__credential')).toContain('managedidentity');
    expect(settings.has('AzureWebJobsStorage__clientId')).toBe(true);
    expect(settings.has('EventHubConnection__clientId')).toBe(true);
  });

  test('sends telemetry with Entra ID auth', () => {
    expect(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toContain(
      'Authorization=AAD',
    );
  });

  test('no setting carries a key', () => {
    for (const [name, value] of settings) {
      expect(`${name}=${value}`).not.toMatch(/listKeys|AccountKey|SharedAccessKey|primaryKey/i);
    }
  });

  test.each(NOT_ON_FLEX)('leaves out %s, which Flex Consumption does not take', (name) => {
    expect(settings.has(name)).toBe(false);
  });
});
