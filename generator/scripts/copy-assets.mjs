// Copies the repository's RFC schemas and templates next to the compiled generator, so the
// published package carries them and needs nothing else from the repository.
import { cpSync, rmSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const assets = new URL('../assets/', import.meta.url);
rmSync(assets, { recursive: true, force: true });
cpSync(new URL('schemas/core/', root), new URL('schemas/core/', assets), { recursive: true });
cpSync(new URL('schemas/resource-types/', root), new URL('schemas/resource-types/', assets), { recursive: true });
cpSync(new URL('templates/', root), new URL('templates/', assets), { recursive: true });
