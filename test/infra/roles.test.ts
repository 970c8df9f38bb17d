/**
 * Role assignments use the built-in role definition ids for the roles they name, and each is
 * scoped to the one resource its caller uses.
 */
import {
  allResources,
  compileMainTemplate,
  readInfraFile,
  type ArmTemplate,
  type PlacedResource,
} from './bicep-template';

/** Built-in roles by name, copied from Microsoft's "Azure built-in roles" reference. */
const BUILT_IN_ROLE_IDS: Readonly<Record<string, string>> = {
  'Azure Event Hubs Data Receiver': 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
  'Azure Event Hubs Data Sender': '2b629674-e913-4c01-ae53-ef4638d8f975',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Storage Table Data Reader': '76199698-9eea-4c19-bc75-cec21354c6b6',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Communication and Email Service Owner': '09976791-48a7-449e-bb21-39d1a415f350',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
};

/** What the function app's identity must hold, and on which resource type. */
const APP_ROLES: ReadonlyArray<[role: string, scopeType: string]> = [
  ['Azure Event Hubs Data Receiver', 'Microsoft.EventHub/namespaces/eventhubs'],
  ['Storage Blob Data Owner', 'Microsoft.Storage/storageAccounts'],
  ['Storage Table Data Contributor', 'Microsoft.Storage/storageAccounts'],
  ['Monitoring Metrics Publisher', 'Microsoft.Insights/components'],
  ['Communication and Email Service Owner', 'Microsoft.Communication/communicationServices'],
];

/** What the optional operator gets, only when one is named. */
const OPERATOR_ROLES: ReadonlyArray<[role: string, scopeType: string]> = [
  ['Azure Event Hubs Data Sender', 'Microsoft.EventHub/namespaces/eventhubs'],
  ['Storage Table Data Reader', 'Microsoft.Storage/storageAccounts'],
];

interface RoleEntry {
  name: string;
  id: string;
}

interface Assignment {
  role: RoleEntry;
  scopeType: string;
  principal: 'app' | 'operator';
  conditional: boolean;
}

/** The role table of modules/roles.bicep, read from its text. */
function roleTableFromText(): Map<string, RoleEntry> {
  const text = readInfraFile('modules/roles.bicep');
  const table = new Map<string, RoleEntry>();
  const entry = /^ {2}(\w+): \{\s*name: '([^']+)'\s*id: '([0-9a-f-]{36})'\s*\}/gm;
  for (const [, key, name, id] of text.matchAll(entry)) {
    table.set(key ?? '', { name: name ?? '', id: id ?? '' });
  }
  return table;
}

function assignmentsFromCompiled(template: ArmTemplate): Assignment[] {
  return allResources(template)
    .filter(({ resource }) => resource.type === 'Microsoft.Authorization/roleAssignments')
    .map(({ resource, template: declaring }: PlacedResource) => {
      const roles = declaring.variables?.builtInRoles as Record<string, RoleEntry>;
      const properties = resource.properties ?? {};
      const key = /variables\('builtInRoles'\)\.(\w+)\.id/.exec(
        String(properties.roleDefinitionId),
      )?.[1];
      const role = roles[key ?? ''];
      if (role === undefined) throw new Error(`no built-in role behind ${resource.name}`);
      return {
        role,
        scopeType: /resourceId\('([^']+)'/.exec(resource.scope ?? '')?.[1] ?? '',
        principal: String(properties.principalId).includes('appIdentity') ? 'app' : 'operator',
        conditional: 'condition' in resource,
      };
    });
}

function assignmentsFromText(): Assignment[] {
  const table = roleTableFromText();
  const text = readInfraFile('modules/rbac.bicep');
  const symbols = new Map(
    [...text.matchAll(/^resource (\w+) '([^@']+)@[^']+' existing/gm)].map((m) => [m[1], m[2]]),
  );
  const block =
    /^resource \w+ 'Microsoft\.Authorization\/roleAssignments@[^']+' = (if \(\w+\) )?\{([\s\S]*?)^\}/gm;
  return [...text.matchAll(block)].map((match) => {
    const body = match[2] ?? '';
    const key =
      /roleDefinitionId: subscriptionResourceId\(\s*'[^']+',\s*builtInRoles\.(\w+)\.id/.exec(
        body,
      )?.[1];
    const role = table.get(key ?? '');
    if (role === undefined) throw new Error(`no built-in role in ${body}`);
    return {
      role,
      scopeType: symbols.get(/^ {2}scope: (\w+)$/m.exec(body)?.[1] ?? '') ?? '',
      principal: /principalId: appPrincipalId/.test(body) ? 'app' : 'operator',
      conditional: match[1] !== undefined,
    };
  });
}

const compiled = compileMainTemplate();
const assignments = compiled === null ? assignmentsFromText() : assignmentsFromCompiled(compiled);

describe(`role assignments (${compiled === null ? 'Bicep text' : 'compiled'})`, () => {
  test.each([...roleTableFromText().values()].map((role) => [role.name, role.id]))(
    'roles.bicep gives %s its built-in id',
    (name, id) => {
      expect(BUILT_IN_ROLE_IDS[name]).toBe(id);
    },
  );

  test.each(APP_ROLES)('the app holds %s on its %s', (role, scopeType) => {
    const found = assignments.filter((a) => a.principal === 'app' && a.role.name === role);
    expect(found).toHaveLength(1);
    expect(found[0]?.scopeType).toBe(scopeType);
    expect(found[0]?.conditional).toBe(false);
    expect(found[0]?.role.id).toBe(BUILT_IN_ROLE_IDS[role]);
  });

  test.each(OPERATOR_ROLES)('an operator, when named, gets %s on the %s', (role, scopeType) => {
    const found = assignments.filter((a) => a.principal === 'operator' && a.role.name === role);
    expect(found).toHaveLength(1);
    expect(found[0]?.scopeType).toBe(scopeType);
    expect(found[0]?.conditional).toBe(true);
  });

  test('assigns nothing else, and never Owner or Contributor', () => {
    expect(assignments).toHaveLength(APP_ROLES.length + OPERATOR_ROLES.length);
    for (const assignment of assignments) {
      expect(['Owner', 'Contributor']).not.toContain(assignment.role.name);
    }
  });
});
