import { describe, expect, it } from 'vitest';
import { NameScope, singular, typeName, valueIdentifier } from '../generator/src/ir/naming.js';

describe('naming', () => {
  it.each([
    ['User', 'User'],
    ['EnterpriseUser', 'EnterpriseUser'],
    ['Service Provider Configuration', 'ServiceProviderConfiguration'],
    ['custom_field1', 'CustomField1'],
    ['field1a', 'Field1A'],
    ['x509Certificates', 'X509Certificates'],
    ['1st-place', 'Scim1StPlace'],
    ['user-name', 'UserName'],
    ['__proto__', 'Proto'],
    ['ünïcode', 'Unicode'],
    ['名前', 'Type'],
    ['$ref', 'Ref'],
    ['Date', 'ScimDate'],
    ['Record', 'ScimRecord'],
    ['HTTPServer', 'HTTPServer'],
  ])('typeName(%j) = %j', (raw, want) => {
    expect(typeName(raw)).toBe(want);
  });

  it.each([
    ['userName', 'userName'],
    ['class', 'class_'],
    ['default', 'default_'],
    ['constructor', 'constructor_'],
    ['__proto__', 'proto'],
    ['1st-place', '_1StPlace'],
    ['user-name', 'userName'],
    ['名前', 'attribute'],
    ['$ref', 'ref'],
  ])('valueIdentifier(%j) = %j', (raw, want) => {
    expect(valueIdentifier(raw)).toBe(want);
  });

  it.each([
    ['emails', 'email'],
    ['addresses', 'address'],
    ['phoneNumbers', 'phoneNumber'],
    ['entitlements', 'entitlement'],
    ['ims', 'im'],
    ['boxes', 'box'],
    ['policies', 'policy'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['class', 'class'],
    ['manager', 'manager'],
  ])('singular(%j) = %j', (raw, want) => {
    expect(singular(raw)).toBe(want);
  });

  it('hands out names unique ignoring case, with numeric suffixes', () => {
    const scope = new NameScope();
    expect(['Item', 'item', 'ITEM', 'Item2'].map((n) => scope.claim(n))).toEqual(['Item', 'item2', 'ITEM3', 'Item22']);
  });
});
