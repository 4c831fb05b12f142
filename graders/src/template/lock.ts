/**
 * The student template's package-lock.json: this repository's, without the packages that only the
 * instructor's tools need (the similarity checker, whose parsers take minutes to compile and need a C++
 * compiler: students never run it). `npm ci` requires the lock to match package.json, so the package is
 * removed from both: here every lock entry no longer reachable from the root is dropped, and the dev and
 * optional flags of those left are computed again the way npm computes them (a package only some path of
 * which is a dev or an optional dependency loses that flag), so that the result is the lock npm itself
 * would write for the smaller package.json.
 */

interface LockEntry {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

export interface LockFile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [key: string]: unknown;
}

/** Packages of this repository's devDependencies that the student template leaves out. */
export const INSTRUCTOR_ONLY_PACKAGES = ['@dodona/dolos-lib'];

type EdgeType = 'prod' | 'dev' | 'optional' | 'peer' | 'peerOptional';

/** The location a dependency `name` of the package at `from` resolves to, as Node.js looks it up. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

function edgesOf(location: string, entry: LockEntry): { name: string; type: EdgeType }[] {
  const edges: { name: string; type: EdgeType }[] = [];
  for (const name of Object.keys(entry.dependencies ?? {})) edges.push({ name, type: 'prod' });
  for (const name of Object.keys(entry.optionalDependencies ?? {})) edges.push({ name, type: 'optional' });
  for (const name of Object.keys(entry.peerDependencies ?? {}))
    edges.push({ name, type: entry.peerDependenciesMeta?.[name]?.optional ? 'peerOptional' : 'peer' });
  if (location === '') for (const name of Object.keys(entry.devDependencies ?? {})) edges.push({ name, type: 'dev' });
  return edges;
}

/** The lock with `drop` removed from the root's dependencies, unreachable entries left out and flags recomputed. */
export function pruneLock(lock: LockFile, drop: string[]): LockFile {
  const packages: Record<string, LockEntry> = structuredClone(lock.packages);
  const root = packages['']!;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const deps = root[field];
    if (!deps) continue;
    for (const name of drop) delete deps[name];
  }
  // npm's flags: every package starts dev, optional, devOptional; each edge from a node clears what the node
  // and the edge do not both carry, until nothing changes.
  const flags = new Map<string, { dev: boolean; optional: boolean; devOptional: boolean; peer: boolean }>([
    ['', { dev: false, optional: false, devOptional: false, peer: false }],
  ]);
  const queue = [''];
  while (queue.length) {
    const location = queue.shift()!;
    const node = flags.get(location)!;
    for (const edge of edgesOf(location, packages[location]!)) {
      const target = resolve(packages, location, edge.name);
      if (!target) continue;
      const edgeDev = edge.type === 'dev';
      const edgeOptional = edge.type === 'optional' || edge.type === 'peerOptional';
      const edgePeer = edge.type === 'peer' || edge.type === 'peerOptional';
      const known = flags.get(target);
      const to = known ?? { dev: true, optional: true, devOptional: true, peer: true };
      const before = JSON.stringify(to);
      const unsetDevOpt = !node.devOptional && !node.dev && !node.optional && !edgeDev && !edgeOptional;
      if (!node.peer && !edgePeer) to.peer = false;
      if (unsetDevOpt) to.devOptional = false;
      if (unsetDevOpt || (!node.dev && !edgeDev)) to.dev = false;
      if (unsetDevOpt || (!node.optional && !edgeOptional)) to.optional = false;
      if (!known || JSON.stringify(to) !== before) {
        flags.set(target, to);
        queue.push(target);
      }
    }
  }
  const kept: Record<string, LockEntry> = {};
  for (const [location, entry] of Object.entries(packages)) {
    const f = flags.get(location);
    if (!f) continue;
    if (location === '') {
      kept[location] = entry;
      continue;
    }
    const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, ...rest } = entry;
    kept[location] = {
      ...rest,
      ...(f.dev ? { dev: true } : {}),
      ...(f.optional ? { optional: true } : {}),
      ...(f.devOptional && !f.dev && !f.optional ? { devOptional: true } : {}),
      ...(f.peer ? { peer: true } : {}),
    };
  }
  return { ...lock, packages: kept };
}
