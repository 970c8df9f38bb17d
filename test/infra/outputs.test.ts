/**
 * Deployment outputs land in deployment history, azd's .env and CI logs: none may carry a key
 * or connection string. The forwarder's key is fetched on purpose, with the Azure CLI.
 */
import {
  allOutputs,
  BICEP_FILES,
  compileMainTemplate,
  readInfraFile,
  type ArmTemplate,
} from './bicep-template';

const SECRET_LOOKING =
  /listKeys|listConnectionStrings|connectionString|primaryKey|secondaryKey|SharedAccessKey|AccountKey|secret/i;

/** `output NAME TYPE = VALUE` lines of every Bicep file, with the value expression. */
function outputsFromText(): Array<{ name: string; value: string }> {
  return BICEP_FILES.flatMap((file) =>
    [...readInfraFile(file).matchAll(/^output (\w+) \w+ = (.+)$/gm)].map((match) => ({
      name: `${file}:${match[1]}`,
      value: match[2] ?? '',
    })),
  );
}

const compiled: ArmTemplate | null = compileMainTemplate();

describe.each([
  ['Bicep text', outputsFromText()],
  ['compiled template', compiled === null ? [] : allOutputs(compiled)],
])('outputs in the %s', (_form, outputs) => {
  test('carry no key, secret or connection string', () => {
    for (const output of outputs) {
      expect(`${output.name} = ${output.value}`).not.toMatch(SECRET_LOOKING);
    }
  });
});

describe('what main.bicep hands to the next step', () => {
  const text = readInfraFile('main.bicep');

  test.each([
    'FUNCTION_APP_NAME',
    'FUNCTION_APP_URL',
    'EVENTHUB_NAME',
    'EVENTHUB_NAMESPACE_FQDN',
    'KAFKA_ENDPOINT',
  ])('outputs %s', (name) => {
    expect(text).toMatch(new RegExp(`^output ${name} string = `, 'm'));
  });

  test('gives forwarders the Kafka endpoint on port 9093', () => {
    expect(text).toMatch(/^output KAFKA_ENDPOINT string = '\$\{[^}]+\}:9093'$/m);
  });
});
