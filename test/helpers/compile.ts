import path from 'node:path';
import ts from 'typescript';

/** Options every generated file must compile under: the strictest a consumer is likely to use. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: false,
};

/**
 * Type-checks files that exist only in memory (paths relative to a virtual root) and returns
 * the diagnostics as readable lines; an empty array means it compiled.
 */
export function compileInMemory(files: Readonly<Record<string, string>>, options = STRICT_OPTIONS): string[] {
  // Inside the repository, so imports of workspace packages (@scimgen/runtime) resolve through node_modules.
  const root = path.resolve(import.meta.dirname, '../../.virtual-compile');
  const virtual = new Map(Object.entries(files).map(([p, text]) => [path.join(root, p), text]));
  // A package.json with "type": "module" makes NodeNext treat the .ts files as ES modules.
  virtual.set(path.join(root, 'package.json'), '{"type":"module"}');
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) =>
    [...virtual.keys()].some((f) => f.startsWith(path.resolve(d) + path.sep)) || (directoryExists?.(d) ?? false);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, language) => {
    const text = virtual.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, language) : getSourceFile(f, language);
  };
  const roots = [...virtual.keys()].filter((f) => f.endsWith('.ts'));
  const program = ts.createProgram(roots, { ...options, noEmit: true }, host);
  return formatDiagnostics(ts.getPreEmitDiagnostics(program), root);
}

/** Type-checks a project on disk through its tsconfig.json, resolving packages as tsc would. */
export function compileProject(tsconfig: string): string[] {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (config.error) return formatDiagnostics([config.error], path.dirname(tsconfig));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(tsconfig));
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
  return formatDiagnostics(ts.getPreEmitDiagnostics(program), path.dirname(tsconfig));
}

function formatDiagnostics(list: readonly ts.Diagnostic[], root: string): string[] {
  return list.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1} ${message}`;
  });
}
