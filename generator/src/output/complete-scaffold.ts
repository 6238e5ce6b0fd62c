import { Project } from 'ts-morph';
import type { RequiredMembers } from '../emitters/file-spec.js';

export interface ScaffoldCompletion {
  /** The file with the missing methods added (the input itself when none were missing). */
  readonly contents: string;
  /** "UserHandler.list" for each method added. */
  readonly added: readonly string[];
  /** Why the file could not be completed (its class is gone or renamed). */
  readonly problem?: string;
}

/**
 * Adds the methods a user-owned file's class must have and lacks; touches nothing else. The
 * user's code is parsed, never evaluated; the added text is the emitter's own.
 */
export function completeScaffold(fileName: string, existing: string, required: RequiredMembers): ScaffoldCompletion {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(`/${fileName}`, existing);
  const declaration = file.getClass(required.className);
  if (declaration === undefined) {
    return {
      contents: existing,
      added: [],
      problem: `has no class ${required.className}, which the server registry imports`,
    };
  }
  const added: string[] = [];
  for (const method of required.methods) {
    if (declaration.getMember(method.name) !== undefined) continue;
    declaration.addMember(method.text);
    added.push(`${required.className}.${method.name}`);
  }
  return { contents: added.length === 0 ? existing : file.getFullText(), added };
}
