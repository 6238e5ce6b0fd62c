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
      // Snapdocs' SCIM page as a server: OAuth2 client credentials with its six scopes and two-hour
      // tokens; groups exist already (created on the first call, never by the IdP), a user is in
      // one group at most; no /Bulk; the fields Snapdocs keeps, any other ignored.
      name: 'snapdocs',
      schemas: [
        'schemas/core/User.json',
        'schemas/core/Group.json',
        'schemas/core/ServiceProviderConfig.json',
        'schemas/core/ResourceType.json',
        'schemas/core/Schema.json',
        'schemas/resource-types/Group.json',
        'schemas/examples/snapdocs',
      ],
      out: 'examples/snapdocs-server',
      package: {
        name: '@scimgen-examples/snapdocs-server',
        version: '0.1.0',
        description: "Example: Snapdocs' SCIM service provider, configured in scimgen.config.ts and nothing else",
      },
      server: {
        framework: 'fastify',
        store: 'sql',
        bulk: false,
        oauth2: {
          scopes: [
            'scim:group:delete',
            'scim:info',
            'scim:group:read',
            'scim:user:write',
            'scim:user:read',
            'scim:group:write',
          ],
          expiresIn: 7200,
        },
        resourceTypes: {
          Group: {
            create: false,
            initial: {
              key: 'displayName',
              resources: [
                { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Administrators' },
                { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Settlement Agents' },
                { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Loan Officers' },
              ],
            },
            createOnLookup: { key: 'displayName' },
            exclusiveMembers: true,
          },
          User: {
            required: ['name.givenName', 'name.familyName', 'active'],
            ignored: [
              'name.formatted',
              'name.middleName',
              'name.honorificPrefix',
              'name.honorificSuffix',
              'displayName',
              'nickName',
              'profileUrl',
              'title',
              'userType',
              'preferredLanguage',
              'locale',
              'timezone',
              'password',
              'ims',
              'photos',
              'addresses',
              'entitlements',
              'roles',
              'x509Certificates',
            ],
          },
        },
      },
    },
    {
      // Skovik's SCIM page as a server: /Users only, with the enterprise extension and Skovik's
      // custom_field1…9; deactivating archives a user for good and DELETE archives; the enterprise
      // division must be a branch's external_identifier (data/branches.json) and the manager a
      // user Skovik knows.
      name: 'skovik',
      schemas: [
        'schemas/core/User.json',
        'schemas/core/EnterpriseUser.json',
        'schemas/core/ServiceProviderConfig.json',
        'schemas/core/ResourceType.json',
        'schemas/core/Schema.json',
        'schemas/examples/skovik',
      ],
      out: 'examples/skovik-server',
      package: {
        name: '@scimgen-examples/skovik-server',
        version: '0.1.0',
        description: "Example: Skovik's SCIM service provider, configured in scimgen.config.ts and nothing else",
      },
      server: {
        framework: 'fastify',
        store: 'sql',
        resourceTypes: {
          User: {
            delete: 'deactivate',
            permanentDeactivation: true,
            required: ['name.givenName', 'name.familyName'],
            allowedValues: {
              'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division': {
                file: 'data/branches.json',
                field: 'external_identifier',
              },
            },
            references: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager': 'User' },
          },
        },
      },
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
