import { readFileSync } from 'node:fs';
import { defineConfig } from 'scimgen';

/** @scimgen/core is released with the rest of the toolkit, under the generator's version. */
const toolkitVersion = (
  JSON.parse(readFileSync(new URL('./generator/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

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
        version: toolkitVersion,
        license: 'MIT',
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
      // And a typed client for a server with these schemas (src/client).
      client: true,
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
    {
      // Snipe-IT's SCIM page as an application: its own users and departments tables, handlers
      // written on the generated mapping stubs (src/mappings/user.ts, src/app/).
      name: 'snipeit',
      schemas: ['schemas/core', 'schemas/resource-types/User.json'],
      out: 'examples/snipeit-app',
      package: {
        name: '@scimgen-examples/snipeit-app',
        version: '0.1.0',
        description: "Example: an application with Snipe-IT's users table, provisioned over SCIM through mapping stubs",
        dependencies: { 'better-sqlite3': '^12.9.0' },
      },
      // Snipe-IT's SCIM page: givenName is required, displayName, the mobile phone and manager
      // are fields it cannot handle, and DELETE is not supported.
      server: {
        framework: 'node',
        resourceTypes: {
          User: {
            delete: false,
            required: ['name.givenName'],
            ignored: ['displayName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'],
          },
        },
      },
      mappings: {
        User: {
          userName: 'username',
          'name.givenName': 'first_name',
          'name.familyName': 'last_name',
          'emails[type eq "work"].value': 'email',
          active: { field: 'activated', type: 'number' },
          'phoneNumbers[type eq "work"].value': 'phone',
          'addresses[type eq "work"].streetAddress': 'address',
          'addresses[type eq "work"].locality': 'city',
          'addresses[type eq "work"].region': 'state',
          'addresses[type eq "work"].postalCode': 'zip',
          'addresses[type eq "work"].country': 'country',
          title: 'jobtitle',
          preferredLanguage: 'locale',
          externalId: 'scim_externalid',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'employee_num',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': {
            field: 'department_id',
            lookup: 'department',
          },
        },
      },
    },
  ],
});
