import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fs.js';
import { compileInMemory, STRICT_OPTIONS } from './helpers/compile.js';

/**
 * Compiles test/types/*.ts with the real module resolution. An unused @ts-expect-error is itself
 * an error, so every expectation that a wrong program is rejected is checked, not assumed.
 */
function typeCheck(file: string): string[] {
  const program = ts.createProgram([path.join(REPO_ROOT, file)], {
    ...STRICT_OPTIONS,
    types: ['node'],
    noUnusedLocals: false,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('type tests', () => {
  it('packages/core types accept what SCIM allows and reject what it forbids', () => {
    expect(typeCheck('test/types/core-types.ts')).toEqual([]);
  });

  it('server handlers are typed by the generated views and checked against their definition', () => {
    expect(typeCheck('test/types/server-types.ts')).toEqual([]);
  });

  it('the generated client checks filter and PATCH paths and their values', () => {
    expect(typeCheck('test/types/client-types.ts')).toEqual([]);
  });

  it('the compile helper reports type errors (so a green compile means something)', () => {
    expect(compileInMemory({ 'src/a.ts': 'export const x: number = "text";\n' })).toEqual([
      "src/a.ts:1:14 Type 'string' is not assignable to type 'number'.",
    ]);
  });
});
