import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

/**
 * The data path, lowest first: a module may import from its own layer or below, never above, and the surfaces
 * (the last layer) never import each other. README, "How it works".
 */
const LAYERS: string[][] = [
  ['errors.ts', 'log.ts', 'config.ts', 'text', 'datasets'],
  ['corpus'],
  ['people', 'embed'],
  ['store'],
  ['ingest', 'retrieve'],
  ['answer'],
  ['dossier.ts', 'messages.ts'],
  ['entry'],
  ['cli', 'discord', 'eval', 'bench'],
];
const SURFACES = new Set(LAYERS.at(-1));
const SRC = path.join(ROOT, 'src');

const unitOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;
const layerOf = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** Every relative import (static, type-only or dynamic) in the source tree, as [from, to] files. */
function imports(): Array<[string, string]> {
  return sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
    return specifiers.map((s): [string, string] => [file, path.resolve(path.dirname(file), s)]);
  });
}

describe('the import graph follows the data path', () => {
  const edges = imports();

  it('places every module in a layer', () => {
    const unplaced = [...new Set(sourceFiles(SRC).map(unitOf))].filter((u) => layerOf(u) < 0);
    expect(unplaced).toEqual([]);
  });

  it('has no import from a lower stage to a higher one', () => {
    const upward = edges
      .filter(([from, to]) => layerOf(unitOf(to)) > layerOf(unitOf(from)))
      .map(([from, to]) => `${path.relative(SRC, from)} -> ${path.relative(SRC, to)}`);
    expect(upward).toEqual([]);
  });

  it('has no import between surfaces', () => {
    const sideways = edges
      .filter(([from, to]) => SURFACES.has(unitOf(from)) && SURFACES.has(unitOf(to)) && unitOf(from) !== unitOf(to))
      .map(([from, to]) => `${path.relative(SRC, from)} -> ${path.relative(SRC, to)}`);
    expect(sideways).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
  });
});
