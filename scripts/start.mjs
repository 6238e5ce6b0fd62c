// `npm start`: after the build has generated and compiled the example packages, say where they
// are and serve SCIM with the generated Acme service provider.
import { readFileSync } from 'node:fs';

const packages = [
  ['packages/core', 'the RFC 7643 core types other projects import'],
  ['examples/acme-models', 'User with the enterprise and Acme custom_field extensions'],
  ['examples/acme-app', 'an application importing the Acme types (compiled, so the types check)'],
  ['examples/acme-server', 'a SCIM service provider generated for the Acme schemas'],
];
process.stdout.write('scimgen: generated and compiled\n');
for (const [dir, what] of packages) {
  const { name } = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8'));
  process.stdout.write(`  ${dir.padEnd(22)} ${name.padEnd(32)} ${what}\n`);
}
if (process.env['SCIM_BEARER_TOKEN'] === undefined)
  process.stdout.write(
    'No SCIM_BEARER_TOKEN set: requests are not authenticated; set one to require a bearer token.\n',
  );
// The generated server's own entry file: it reads HOST, PORT, SCIM_BASE_URL and SCIM_BEARER_TOKEN.
await import('../examples/acme-server/dist/server/main.js');
