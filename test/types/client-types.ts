// Type tests for the generated typed client (compiled by types.test.ts): filter and PATCH paths
// are checked by the compiler, extension paths included.
import { createClient } from '../../examples/acme-models/src/index.js';

const client = createClient({ baseUrl: 'https://scim.example/scim/v2' });
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

void client.users.list({ filter: (f) => f.eq('emails[type eq "work"].value', 'a@b.c') });
void client.users.list({
  filter: (f) => f.and(f.eq('userName', 'bjensen'), f.gt('meta.lastModified', '2020-01-01T00:00:00Z')),
});
void client.users.list({ filter: (f) => f.eq(`${ACME}:custom_field3`, 5) });
void client.users.list({
  filter: (f) => f.eq('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value', 'm'),
});
void client.users.list({ filter: (f) => f.or(f.pr('title'), f.not(f.eq('active', true))) });
void client.groups.list({ filter: (f) => f.eq('members[type eq "User"].value', 'id') });

// @ts-expect-error: no such attribute
void client.users.list({ filter: (f) => f.eq('userNam', 'bjensen') });
// @ts-expect-error: active compares with a boolean
void client.users.list({ filter: (f) => f.eq('active', 'yes') });
// @ts-expect-error: co compares text, and active is a boolean
void client.users.list({ filter: (f) => f.co('active', 'x') });
// @ts-expect-error: custom_field3 is an integer
void client.users.list({ filter: (f) => f.eq(`${ACME}:custom_field3`, 'five') });
// @ts-expect-error: no custom_field99 in the extension
void client.users.list({ filter: (f) => f.eq(`${ACME}:custom_field99`, 1) });
// @ts-expect-error: a value path needs a sub-attribute of the attribute
void client.users.list({ filter: (f) => f.eq('emails[type eq "work"].nope', 'x') });

void client.users.patch('id', (p) => [
  p.replace('active', false),
  p.add('emails', [{ value: 'a@b.c', type: 'work' }]),
  p.replace('name.givenName', 'Barbara'),
  p.remove('emails[type eq "home"]'),
]);
// @ts-expect-error: the PATCH value has the wrong type
void client.users.patch('id', (p) => [p.replace('active', 'no')]);
// @ts-expect-error: id is not written by a PATCH
void client.users.patch('id', (p) => [p.replace('id', 'other')]);
// @ts-expect-error: create takes the create request type
void client.users.create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 42 });
