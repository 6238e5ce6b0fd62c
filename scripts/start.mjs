// `npm start`: after the build has generated and compiled the example packages, say where they are.
import { readFileSync } from 'node:fs';

const packages = [
  ['packages/core', 'the RFC 7643 core types other projects import'],
  ['examples/acme-models', 'User with the enterprise and Acme custom_field extensions'],
  ['examples/acme-app', 'an application importing the Acme types (compiled, so the types check)'],
];
process.stdout.write('scimgen: generated and compiled\n');
for (const [dir, what] of packages) {
  const { name } = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8'));
  process.stdout.write(`  ${dir.padEnd(22)} ${name.padEnd(32)} ${what}\n`);
}
process.stdout.write('Edit scimgen.config.ts or schemas/, then `npm run generate`; `npm test` runs the suite.\n');
