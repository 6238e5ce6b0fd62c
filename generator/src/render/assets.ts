import { fileURLToPath } from 'node:url';

/**
 * Schemas and templates are copied next to the compiled generator at build time
 * (scripts/copy-assets.mjs), so an installed scimgen finds them without the repository.
 */
export const ASSETS_ROOT = fileURLToPath(new URL('../../assets/', import.meta.url));
