// Opt-in check (`npm run check:real-schemas`, after `npm run build`): generates packages from the
// schemas real SCIM servers publish and checks they compile, and that the schemas meant to be
// rejected are rejected with located diagnostics. Reads the fixtures in place; copies nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, generateFromDocuments, loadSchemaDocuments, writeFiles } from '../generator/dist/index.js';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixtures = path.resolve(root, process.env.REAL_SCHEMAS_DIR ?? '../shared/real-schemas');
const scratch = path.join(root, '.real-schemas-tmp');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

if (!existsSync(fixtures)) {
  process.stderr.write(`no fixtures at ${fixtures}; set REAL_SCHEMAS_DIR\n`);
  process.exit(2);
}

/** One in-memory document per schema and resource type, named after its place in the fixture. */
function documentsOf(file, fixture) {
  const entries = [
    ...fixture.schemas.map((s, i) => [`/schemas/${i}`, s]),
    ...(fixture.resourceTypes ?? []).map((r, i) => [`/resourceTypes/${i}`, r]),
  ];
  return entries.map(([pointer, value]) => ({ file: `${file}${pointer}`, text: JSON.stringify(value) }));
}

let failures = 0;
const say = (line) => process.stdout.write(`${line}\n`);
rmSync(scratch, { recursive: true, force: true });

for (const file of readdirSync(fixtures)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const fixture = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8'));
  const documents = documentsOf(file, fixture);
  if (file.includes('invalid')) {
    // Each entry is its own case: every one must be rejected with a located error.
    for (const doc of documents) {
      const errors = loadSchemaDocuments([doc]).diagnostics.filter((d) => d.severity === 'error');
      if (errors.length === 0) {
        failures++;
        say(`✖ ${doc.file}: accepted, but it is meant to be rejected`);
      } else {
        say(`✔ ${doc.file}: rejected`);
        for (const d of errors) say(`    ${formatDiagnostic(d)}`);
      }
    }
    continue;
  }
  const out = path.join(scratch, file.replace(/\.json$/, ''));
  const result = await generateFromDocuments(documents, { out, package: { name: file.replace(/\.json$/, '') } });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.length - errors.length;
  if (errors.length > 0) {
    failures++;
    say(`✖ ${file}: ${errors.length} error(s)`);
    for (const d of errors) say(`    ${formatDiagnostic(d)}`);
    continue;
  }
  mkdirSync(out, { recursive: true });
  await writeFiles(out, result.files, 'write');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(out, 'tsconfig.json'), '--noEmit'], { stdio: 'pipe' });
    say(
      `✔ ${file}: ${result.ir.schemas.length} schemas, ${result.ir.resourceTypes.length} resource types, ${warnings} warning(s); package compiles`,
    );
  } catch (error) {
    failures++;
    say(`✖ ${file}: generated package does not compile\n${error.stdout}`);
  }
}
rmSync(scratch, { recursive: true, force: true });
say(failures === 0 ? 'all real-schema checks passed' : `${failures} real-schema check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
