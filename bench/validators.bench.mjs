// Validators side by side, in one process and one run: the generated validator, the runtime's
// interpreting validator, scimmy's schema coercion, ajv with a compiled JSON Schema of the same
// rules, and JSON.parse of the same resource's text. Usage: npm run bench:validators
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import SCIMMY from 'scimmy';
import { validateResource } from '../packages/runtime/dist/index.js';
import { userResourceType } from '../examples/acme-models/dist/descriptors/index.js';
import { validateUserCreateRequest } from '../examples/acme-models/dist/validators/index.js';
import { measure, SECONDS, table } from './measure.mjs';

// Five rounds rather than three: one validation takes about a microsecond, where a noisy neighbour
// on a shared machine moves a single round by a tenth or more.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

/** A create request as an IdP sends it for a new hire: core, enterprise and Acme attributes. */
const valid = {
  schemas: [CORE, ENTERPRISE, ACME],
  externalId: '00u1abcd2EFGH3ijk4x5',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane' },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  title: 'Tour Guide',
  userType: 'Employee',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '+1 555 555 5555', type: 'work' }],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      primary: true,
    },
  ],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
  },
  [ACME]: {
    custom_field1: 'CC-1234',
    custom_field2: 'gold',
    custom_field3: 4711,
    custom_field4: 37.5,
    custom_field5: true,
    custom_field6: '2020-02-01T09:00:00Z',
    custom_field7: 'https://intranet.acme.example/u/bjensen',
    custom_field8: ['apollo', 'gemini'],
    custom_field9: { value: 'BR-7' },
  },
};
/** The same with three mistakes: a number for a string, a string for a boolean, two primary emails. */
const invalid = structuredClone(valid);
invalid.userName = 42;
invalid.active = 'yes';
invalid.emails[1].primary = true;
const text = JSON.stringify(valid);

// scimmy: its User schema with the enterprise extension (it has no Acme schema; the extension is left in the data).
SCIMMY.Schemas.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
const scimmyValid = { ...valid, schemas: [CORE, ENTERPRISE] };
delete scimmyValid[ACME];
const scimmyInvalid = { ...invalid, schemas: [CORE, ENTERPRISE] };
delete scimmyInvalid[ACME];
const scimmy = (data) => {
  try {
    return SCIMMY.Schemas.User.definition.coerce(data, 'in');
  } catch (error) {
    return error;
  }
};

// ajv: a JSON Schema of the same rules, built from the same descriptor (types, required, arrays, dateTime).
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const schemaOf = (attributes, topLevel) => ({
  type: 'object',
  properties: Object.fromEntries(
    attributes.filter((a) => !(topLevel && a.mutability === 'readOnly')).map((a) => [a.name, attributeSchema(a)]),
  ),
  required: attributes.filter((a) => a.required && a.mutability !== 'readOnly').map((a) => a.name),
});
const single = (a) => {
  switch (a.type) {
    case 'complex':
      return schemaOf(a.subAttributes, false);
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'number' };
    case 'dateTime':
      return { type: 'string', format: 'date-time', maxLength: 65536 };
    default:
      return { type: 'string', maxLength: 65536 };
  }
};
const attributeSchema = (a) => (a.multiValued ? { type: 'array', maxItems: 10000, items: single(a) } : single(a));
const jsonSchema = schemaOf(userResourceType.schema.attributes, true);
jsonSchema.properties.schemas = { type: 'array', items: { type: 'string' }, contains: { const: CORE } };
jsonSchema.required.push('schemas');
for (const e of userResourceType.extensions) jsonSchema.properties[e.schema.id] = schemaOf(e.schema.attributes, true);
const ajvValidate = ajv.compile(jsonSchema);

const check = {
  generated: [validateUserCreateRequest(valid).ok, validateUserCreateRequest(invalid).ok],
  interpreted: [
    validateResource(valid, userResourceType, { context: 'create' }).ok,
    validateResource(invalid, userResourceType, { context: 'create' }).ok,
  ],
  scimmy: [!(scimmy(scimmyValid) instanceof Error), !(scimmy(scimmyInvalid) instanceof Error)],
  ajv: [ajvValidate(valid), ajvValidate(invalid)],
};
for (const [name, [ok, bad]] of Object.entries(check))
  if (ok !== true || bad !== false) throw new Error(`${name} does not tell the valid user from the invalid one`);

const rows = [];
for (const [title, data, scimmyData] of [
  ['A valid User with enterprise and Acme extensions (create request)', valid, scimmyValid],
  ['The same User with three mistakes (all reported)', invalid, scimmyInvalid],
]) {
  rows.push(
    table(
      title,
      'resources/s',
      measure(
        [
          ['@scimgen generated validateUserCreateRequest', () => validateUserCreateRequest(data)],
          [
            '@scimgen/runtime validateResource (interpreted)',
            () => validateResource(data, userResourceType, { context: 'create' }),
          ],
          ['ajv, compiled JSON Schema of the same rules', () => ajvValidate(data)],
          ['scimmy User + enterprise coerce', () => scimmy(scimmyData)],
          ['JSON.parse of the same resource text', () => JSON.parse(text)],
        ],
        ROUNDS,
      ),
      'scimmy User + enterprise coerce',
    ),
  );
}
process.stdout.write(
  `Node ${process.version}, best of ${ROUNDS} interleaved rounds of ${SECONDS}s each; resource text ${text.length} bytes\n${rows.join('\n')}\n`,
);
