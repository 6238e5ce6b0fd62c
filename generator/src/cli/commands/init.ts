import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT } from '../exit-codes.js';
import type { Logger } from '../logger.js';

const CONFIG = `import { defineConfig } from 'scimgen';

export default defineConfig({
  // The RFC 7643 schemas and the default User and Group resource types ship with scimgen;
  // add your own extension schemas and resource types under ./schemas.
  schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types', './schemas'],
  out: './generated/scim-models',
  package: { name: 'scim-models', version: '0.1.0' },
});
`;

const EXAMPLE_EXTENSION = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  id: 'urn:ietf:params:scim:schemas:extension:example:2.0:User',
  name: 'ExampleUser',
  description: 'Attributes of your application that are not in the core User schema.',
  attributes: [
    {
      name: 'costCenter',
      type: 'string',
      multiValued: false,
      description: 'Cost center the user is billed to.',
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    },
  ],
};

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Scaffolds a config and an example extension; never overwrites a file that is already there. */
export async function initCommand(dir: string, logger: Logger): Promise<number> {
  const files: [string, string][] = [
    ['scimgen.config.ts', CONFIG],
    [path.join('schemas', 'ExampleUser.json'), `${JSON.stringify(EXAMPLE_EXTENSION, null, 2)}\n`],
  ];
  let created = 0;
  for (const [relative, contents] of files) {
    const target = path.resolve(dir, relative);
    if (await exists(target)) {
      logger.info(`  kept: ${relative} (already exists)`);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents, 'utf8');
    logger.info(`  created: ${relative}`);
    created++;
  }
  logger.success(
    `${created} file(s) created; next: list your extension in a resource type, then run \`npx scimgen generate\``,
  );
  return EXIT.ok;
}
