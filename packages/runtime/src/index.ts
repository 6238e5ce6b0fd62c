// @scimgen/runtime: the SCIM protocol engine, schema-independent and free of I/O.
export { ERROR_URN, SCIM_TYPES, ScimError, badRequest, type ScimErrorBody, type ScimType } from './errors.js';
export {
  findAttribute,
  findSubAttribute,
  knownSchema,
  memberListAttribute,
  groupsAttribute,
  membersMayBe,
  SCHEMAS_ATTRIBUTE,
  type AttributeDescriptor,
  type AttributeLocation,
  type AttributeType,
  type Mutability,
  type ResourceTypeDescriptor,
  type Returned,
  type SchemaDescriptor,
  type Uniqueness,
} from './descriptor.js';
export * from './filter/ast.js';
export { parseFilter, parsePatchPath, parseAttrPath } from './filter/parser.js';
export { printFilter, printAttrPath } from './filter/print.js';
export { compileFilter, type Predicate } from './filter/compile.js';
export { isPresent } from './filter/present.js';
export { resolvePath, resolveSubPath, type ResolvedPath } from './paths/resolve.js';
export { etagFromVersion, parseEntityTags, checkIfMatch, isNotModified } from './etag.js';
export { projectResource, type ProjectionRequest } from './projection.js';
export {
  parseListQuery,
  DEFAULT_LIST_LIMITS,
  LIST_RESPONSE_URN,
  SEARCH_REQUEST_URN,
  type ListQuery,
  type ListLimits,
  type Pagination,
} from './list/query.js';
export { sortResources, sortKeyReader, compareKeys, type SortKey } from './list/sort.js';
export { encodeCursor, decodeCursor, type CursorState } from './list/cursor.js';
export { listResources, queryFingerprint, type ListResponse, type ListOptions } from './list/list.js';
export { applyPatch, PATCH_OP_URN, type PatchOptions, type PatchResult } from './patch/apply.js';
export { PATCH_PROFILES, type PatchNormalizations, type PatchProfileName } from './patch/profiles.js';
export { idsOfValueFilter, type MemberDelta } from './patch/deltas.js';
export { compileValueFilter } from './filter/compile.js';
export { validateResource } from './validate/validate.js';
export { isObject as isJsonObject, isBase64 } from './json.js';
export { isDateTime } from './datetime.js';
export {
  interpretedDefinition,
  type ResourceTypeDefinition,
  type ResourceValidator,
  type SchemaAttributeDocument,
  type SchemaDocument,
} from './definition.js';
export {
  ValidationState,
  DEFAULT_VALIDATION_LIMITS,
  type ValidationContext,
  type ValidationLimits,
  type ValidationOptions,
  type ValidationProblem,
  type ValidationResult,
} from './validate/state.js';
export { compactResource, mapFilter, type AppFilter, type FieldMapping, type ResourceDraft } from './mapping/filter.js';
export { checkRequestJson, isStorableText, MAX_JSON_DEPTH } from './input.js';
export { foldCase } from './fold.js';
