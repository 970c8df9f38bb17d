/**
 * Gives the infra tests the templates in the most faithful form available: compiled ARM JSON
 * from the pinned Bicep compiler when `infra/check.sh` has restored it (always in CI), else the
 * Bicep text, which the tests read with small patterns.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INFRA_DIR = join(__dirname, '..', '..', 'infra');

/** An ARM template or nested deployment template, as far as these tests read it. */
export interface ArmTemplate {
  variables?: Record<string, unknown>;
  resources: Record<string, ArmResource> | ArmResource[];
  outputs?: Record<string, { value?: unknown }>;
}

export interface ArmResource {
  type: string;
  name: string;
  scope?: string;
  properties?: Record<string, unknown>;
}

/** A resource together with the template that declares it (for its variables). */
export interface PlacedResource {
  resource: ArmResource;
  template: ArmTemplate;
}

/** Path of the restored Bicep executable, or null when it has not been restored here. */
export function restoredBicep(): string | null {
  const project = readFileSync(join(INFRA_DIR, 'tools', 'bicep-tools.csproj'), 'utf8');
  const version = /<BicepVersion>([^<]+)<\/BicepVersion>/.exec(project)?.[1];
  if (version === undefined) return null;
  const path = join(
    INFRA_DIR,
    'tools',
    'obj',
    'packages',
    'azure.bicep.commandline.linux-x64',
    version,
    'tools',
    'bicep',
  );
  return existsSync(path) ? path : null;
}

/** Compiles infra/main.bicep into a temporary folder; null when no compiler is restored. */
export function compileMainTemplate(): ArmTemplate | null {
  const bicep = restoredBicep();
  if (bicep === null) return null;

  const out = mkdtempSync(join(tmpdir(), 'oomwatch-bicep-'));
  try {
    const outfile = join(out, 'main.json');
    const run = spawnSync(
      bicep,
      ['build', join(INFRA_DIR, 'main.bicep'), '--outfile', outfile, '--no-restore'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) {
      throw new Error(`bicep build failed (${run.status}): ${run.stderr}`);
    }
    return JSON.parse(readFileSync(outfile, 'utf8')) as ArmTemplate;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every resource in the template and its nested module deployments. */
export function allResources(template: ArmTemplate): PlacedResource[] {
  const own = Array.isArray(template.resources)
    ? template.resources
    : Object.values(template.resources);
  return own.flatMap((resource) => {
    const placed: PlacedResource[] = [{ resource, template }];
    const nested = resource.properties?.template as ArmTemplate | undefined;
    if (resource.type === 'Microsoft.Resources/deployments' && nested !== undefined) {
      placed.push(...allResources(nested));
    }
    return placed;
  });
}

/** Every output of the template and of its nested module deployments, by name. */
export function allOutputs(template: ArmTemplate): Array<{ name: string; value: string }> {
  const own = Object.entries(template.outputs ?? {}).map(([name, output]) => ({
    name,
    value: JSON.stringify(output.value ?? null),
  }));
  const nested = allResources(template)
    .map(({ resource }) => resource.properties?.template as ArmTemplate | undefined)
    .filter((child): child is ArmTemplate => child !== undefined)
    .flatMap((child) =>
      Object.entries(child.outputs ?? {}).map(([name, output]) => ({
        name,
        value: JSON.stringify(output.value ?? null),
      })),
    );
  return [...own, ...nested];
}

/** Text of a file under infra/. */
export function readInfraFile(path: string): string {
  return readFileSync(join(INFRA_DIR, path), 'utf8');
}

/** The Bicep files of the deployment: main.bicep and every module. */
export const BICEP_FILES = [
  'main.bicep',
  'modules/email.bicep',
  'modules/eventhubs.bicep',
  'modules/function-app.bicep',
  'modules/identity.bicep',
  'modules/monitoring.bicep',
  'modules/rbac.bicep',
  'modules/roles.bicep',
  'modules/storage.bicep',
  'modules/types.bicep',
] as const;
