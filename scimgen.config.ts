import { defineConfig } from 'scimgen';

// The packages this repository generates and commits. `npm run generate` writes them;
// the test suite runs `scimgen generate --check` and fails if they drift.
export default defineConfig({
  targets: [
    {
      name: 'core',
      schemas: ['schemas/core', 'schemas/resource-types'],
      out: 'packages/core',
      package: {
        name: '@scimgen/core',
        version: '0.1.0',
        description:
          'TypeScript types for the RFC 7643 core SCIM schemas: User (with the enterprise extension) and Group',
      },
    },
    {
      name: 'acme',
      schemas: ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'],
      out: 'examples/acme-models',
      package: {
        name: '@scimgen-examples/acme-models',
        version: '0.1.0',
        description: 'Example: SCIM types for User with the enterprise and the Acme custom_field extension',
      },
    },
    {
      name: 'acme-server',
      schemas: ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'],
      out: 'examples/acme-server',
      package: {
        name: '@scimgen-examples/acme-server',
        version: '0.1.0',
        description:
          'Example: a SCIM service provider on Fastify for User (enterprise and Acme extensions) and Group, stored in SQLite or PostgreSQL',
      },
      server: { framework: 'fastify', store: 'sql' },
    },
  ],
});
