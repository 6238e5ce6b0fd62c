import { loadSchemaFiles } from './generator/dist/input/load.js';
import { buildIr } from './generator/dist/ir/build.js';
import { emitModels } from './generator/dist/emitters/models/index.js';
import { formatDiagnostic } from './generator/dist/input/diagnostics.js';
const r = await loadSchemaFiles(['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme']);
r.diagnostics.forEach((d) => console.log(formatDiagnostic(d)));
const ir = buildIr(r);
const files = await emitModels(ir);
for (const f of files) {
  console.log('=== ' + f.path);
  console.log(f.contents.slice(0, 2500));
}
