// Users for filter and PATCH tests, written from the examples of RFC 7643 §8 and RFC 7644 §3.4.2.2.
export const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

export const USERS: readonly Record<string, unknown>[] = [
  {
    schemas: [CORE, ENTERPRISE],
    id: 'u1',
    userName: 'bjensen',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    title: 'Tour Guide',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
    [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: '26118915' } },
  },
  {
    schemas: [CORE],
    id: 'u2',
    userName: 'omalley',
    name: { familyName: "O'Malley", givenName: 'Ryan' },
    userType: 'Intern',
    active: false,
    emails: [{ value: 'ryan@example.org', type: 'work' }],
    meta: { resourceType: 'User', created: '2011-01-01T00:00:00Z', lastModified: '2011-05-13T04:42:35+02:00' },
  },
  {
    schemas: [CORE, ACME],
    id: 'u3',
    userName: 'JDoe',
    title: '',
    userType: 'Contractor',
    emails: [],
    ims: [{ value: 'jd@foo.com', type: 'xmpp' }],
    meta: { resourceType: 'User', created: '2012-01-01T00:00:00Z', lastModified: '2012-01-01T00:00:00Z' },
    [ACME]: { custom_field1: 'CC-9', custom_field3: 7, custom_field5: true, custom_field8: ['apollo', 'Gemini'] },
  },
];
