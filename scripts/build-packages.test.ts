import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkspaces, publicBuildOrder, type Workspace } from './build-packages.ts';

const workspace = (name: string, dependsOn: string[], isPrivate = false): Workspace => ({
  name,
  dir: `/repo/${name}`,
  private: isPrivate,
  dependsOn,
  ownBuild: false,
});

describe('publicBuildOrder', () => {
  it('puts every public workspace after the public workspaces it depends on, and leaves private ones out', () => {
    const order = publicBuildOrder([
      workspace('server', ['http', 'domain', 'testing']),
      workspace('http', ['domain', 'fastify']),
      workspace('testing', ['domain'], true),
      workspace('domain', []),
    ]).map((w) => w.name);

    expect(order).toEqual(['domain', 'http', 'server']);
  });

  it('names a dependency cycle instead of building in a wrong order', () => {
    expect(() => publicBuildOrder([workspace('a', ['b']), workspace('b', ['a'])])).toThrow(
      'Dependency cycle: a -> b -> a',
    );
  });
});

describe('listWorkspaces', () => {
  it('finds this repository workspaces, the public ones with a tsconfig.build.json or a build script', () => {
    const workspaces = listWorkspaces(path.resolve(import.meta.dirname, '..'));
    const byName = new Map(workspaces.map((w) => [w.name, w]));

    expect(byName.get('@docent/domain')?.private).toBe(false);
    expect(byName.get('@docent/testing')?.private).toBe(true);
    expect(byName.get('@docent/web')?.ownBuild).toBe(true);
    expect(byName.get('@docent/local-server')?.dependsOn).toContain('@docent/web');
  });
});
