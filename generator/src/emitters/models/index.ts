import type { IrDocument } from '../../ir/types.js';
import type { TextCache } from '../../output/text-cache.js';
import { GENERATED_HEADER, fileStem, type FileSpec } from '../file-spec.js';
import { compileDeclaration } from './compile.js';
import {
  complexDeclarations,
  metaDeclaration,
  resourceTypeDeclarations,
  schemaDeclarations,
  type TypeDeclaration,
} from './declarations.js';

interface ModelModule {
  /** Path below the package's src/ directory, without extension. */
  readonly module: string;
  readonly declarations: readonly TypeDeclaration[];
}

/** Path of the models barrel below src/, for the package emitter to re-export. */
export const MODELS_ENTRY = 'models/index';

/**
 * The models emitter: one module per resource type with its four views, one per schema with
 * its complex element types (and its own types when it is an extension), and a common module.
 */
export async function emitModels(ir: IrDocument, cache?: TextCache): Promise<FileSpec[]> {
  const modules: ModelModule[] = [{ module: 'models/common', declarations: metaDeclaration(ir) }];
  for (const schema of ir.schemas) {
    const owner = schema.roles.includes('extension') ? `the ${schema.id} extension` : `the ${schema.id} schema`;
    modules.push({
      module: `models/schemas/${fileStem(schema.identifier)}`,
      declarations: [...schemaDeclarations(schema), ...complexDeclarations(schema.attributes, owner)],
    });
  }
  for (const rt of ir.resourceTypes) {
    modules.push({
      module: `models/resources/${fileStem(rt.identifier)}`,
      declarations: resourceTypeDeclarations(rt, ir),
    });
  }

  const home = new Map<string, string>();
  for (const m of modules) for (const d of m.declarations) home.set(d.name, m.module);

  const files: FileSpec[] = [];
  for (const m of modules.filter((x) => x.declarations.length > 0)) {
    const imports = new Map<string, Set<string>>();
    for (const d of m.declarations) {
      for (const ref of d.references) {
        const target = home.get(ref);
        if (target === undefined) throw new Error(`internal error: no declaration for ${ref}`);
        if (target === m.module) continue;
        if (!imports.has(target)) imports.set(target, new Set());
        imports.get(target)!.add(ref);
      }
    }
    const importLines = [...imports.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([target, names]) =>
          `import type { ${[...names].sort().join(', ')} } from '${relativeModule(m.module, target)}.js';`,
      );
    const bodies = await Promise.all(m.declarations.map((d) => compileDeclaration(d, cache)));
    files.push({
      path: `src/${m.module}.ts`,
      contents: [GENERATED_HEADER, ...importLines, '', bodies.join('\n\n'), ''].join('\n'),
      ownership: 'generated',
    });
  }
  const exportLines = files.map((f) => `export type * from '${relativeModule(MODELS_ENTRY, f.path.slice(4, -3))}.js';`);
  files.push({
    path: `src/${MODELS_ENTRY}.ts`,
    contents: `${GENERATED_HEADER}\n${exportLines.join('\n')}\n`,
    ownership: 'generated',
  });
  return files;
}

function relativeModule(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && fromParts[common] === toParts[common]) common++;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
