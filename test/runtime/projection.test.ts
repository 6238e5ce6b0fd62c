import { describe, expect, it } from 'vitest';
import { projectResource } from '../../packages/runtime/src/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { ACME, ENTERPRISE, USERS } from './fixtures.js';

const user: Record<string, unknown> = {
  ...USERS[0]!,
  password: 'secret',
  groups: [{ value: 'g1', display: 'Admins' }],
};
const keys = (r: Record<string, unknown>) => Object.keys(r).sort();

describe('projection: attributes, excludedAttributes and returned', () => {
  it('drops returned "never" (password) by default and keeps everything else', () => {
    const shaped = projectResource(user, userResourceType);
    expect(shaped['password']).toBeUndefined();
    expect(keys(shaped)).toEqual(keys(user).filter((k) => k !== 'password'));
  });

  it('never returns password, even when asked for by name', () => {
    expect(projectResource(user, userResourceType, { attributes: 'password,userName' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
    });
  });

  it('attributes keeps only what is named, plus id and schemas (returned always)', () => {
    expect(projectResource(user, userResourceType, { attributes: ['userName', 'name.givenName'] })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
    });
  });

  it('attribute names match case-insensitively and come back canonical', () => {
    expect(projectResource(user, userResourceType, { attributes: 'USERNAME, Emails.Value' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('selects extension attributes by URN path, and a whole extension by its URN', () => {
    expect(projectResource(user, userResourceType, { attributes: `${ENTERPRISE}:employeeNumber` })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      [ENTERPRISE]: { employeeNumber: '701984' },
    });
    expect(projectResource(user, userResourceType, { attributes: ENTERPRISE })[ENTERPRISE]).toEqual(user[ENTERPRISE]);
  });

  it('excludedAttributes removes what is named but never id or schemas', () => {
    const shaped = projectResource(user, userResourceType, {
      excludedAttributes: 'emails,name.familyName,id,schemas,meta',
    });
    expect(shaped['emails']).toBeUndefined();
    expect(shaped['meta']).toBeUndefined();
    expect(shaped['name']).toEqual({ givenName: 'Barbara' });
    expect(shaped['id']).toBe('u1');
    expect(shaped['schemas']).toEqual(user['schemas']);
  });

  it('ignores names the resource type does not have', () => {
    expect(projectResource(user, userResourceType, { attributes: 'nosuch,urn:example:nope:attr,userName' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
    });
  });

  it('does not change its input', () => {
    const copy = structuredClone(user);
    projectResource(user, userResourceType, { attributes: 'userName' });
    expect(user).toEqual(copy);
  });

  it('works on extension data of the Acme schema', () => {
    expect(projectResource(USERS[2]!, userResourceType, { attributes: `${ACME}:custom_field3` })).toEqual({
      schemas: USERS[2]!['schemas'],
      id: 'u3',
      [ACME]: { custom_field3: 7 },
    });
  });
});
