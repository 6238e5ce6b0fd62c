// `npm start`: after the build has generated and compiled the example packages, say where they
// are and serve SCIM with the generated Acme service provider.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const packages = [
  ['packages/core', 'the RFC 7643 core types other projects import'],
  ['examples/acme-models', 'User with the enterprise and Acme custom_field extensions'],
  ['examples/acme-app', 'an application importing the Acme types (compiled, so the types check)'],
  ['examples/acme-server', 'a SCIM service provider generated for the Acme schemas'],
  ['examples/snipeit-app', "Snipe-IT: an application's own tables behind SCIM, through mapping stubs"],
  ['examples/snapdocs-server', 'Snapdocs: OAuth2 client credentials, groups that exist already, one per user'],
  ['examples/skovik-server', 'Skovik: custom fields, archiving, divisions from a branches table, known managers'],
];
process.stdout.write('scimgen: generated and compiled\n');
for (const [dir, what] of packages) {
  const { name } = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8'));
  process.stdout.write(`  ${dir.padEnd(24)} ${name.padEnd(34)} ${what}\n`);
}
// Without SCIM_BEARER_TOKEN, a token made on the first start and kept in data/ (readable by this
// user only), so an identity provider configured with it keeps working across restarts.
if (process.env['SCIM_BEARER_TOKEN'] === undefined) {
  const file = 'data/bearer-token';
  mkdirSync('data', { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  process.env['SCIM_BEARER_TOKEN'] = readFileSync(file, 'utf8').trim();
  process.stdout.write(
    `Bearer token (from ${file}; set SCIM_BEARER_TOKEN to choose one): ${process.env['SCIM_BEARER_TOKEN']}\n`,
  );
}
const database = process.env['DATABASE_URL'];
process.stdout.write(
  database !== undefined && /^postgres(ql)?:/i.test(database)
    ? `Storing resources in PostgreSQL (${new URL(database).host}${new URL(database).pathname})\n`
    : `Storing resources in SQLite (${database?.startsWith('sqlite:') ? database.slice(7) : 'data/scim.db'}); DATABASE_URL=postgres://… uses PostgreSQL\n`,
);
// The generated server's own entry file: it reads HOST, PORT, SCIM_BASE_URL, SCIM_BEARER_TOKEN and DATABASE_URL.
await import('../examples/acme-server/dist/server/main.js');
