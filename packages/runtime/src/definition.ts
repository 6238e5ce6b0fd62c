import type { ResourceTypeDescriptor } from './descriptor.js';
import type { ValidationOptions, ValidationResult } from './validate/state.js';
import { validateResource } from './validate/validate.js';

/** An attribute as a Schema resource describes it (RFC 7643 §7). */
export interface SchemaAttributeDocument {
  readonly name: string;
  readonly type: string;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: string;
  readonly returned: string;
  readonly uniqueness: string;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly SchemaAttributeDocument[];
}

/** A Schema resource as a server publishes it at /Schemas (RFC 7643 §7), without meta. */
export interface SchemaDocument {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly SchemaAttributeDocument[];
}

/** A validator of one context, generated or interpreted. */
export type ResourceValidator<T> = (
  input: unknown,
  options?: Omit<ValidationOptions, 'context'>,
) => ValidationResult<T>;

/**
 * Everything a server needs to know about one resource type: its descriptor, what its
 * ResourceType resource says (RFC 7643 §6) and its validators per context. Generated packages
 * export one per resource type, with compiled validators.
 */
export interface ResourceTypeDefinition<Resource = unknown, Create = unknown, Replace = unknown> {
  /** The ResourceType resource's id (usually its name). */
  readonly id: string;
  readonly description: string;
  readonly descriptor: ResourceTypeDescriptor;
  readonly validate: {
    readonly create: ResourceValidator<Create>;
    readonly replace: ResourceValidator<Replace>;
    readonly patchResult: ResourceValidator<Resource>;
    readonly response: ResourceValidator<Resource>;
  };
}

/**
 * A definition whose validators interpret the descriptor: for resource types known only at run
 * time (read from a server's /ResourceTypes and /Schemas). Same semantics as generated ones.
 */
export function interpretedDefinition(
  descriptor: ResourceTypeDescriptor,
  about: { readonly id?: string; readonly description?: string } = {},
): ResourceTypeDefinition<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>> {
  const validator =
    (context: 'create' | 'replace' | 'patchResult' | 'response'): ResourceValidator<Record<string, unknown>> =>
    (input, options = {}) =>
      validateResource(input, descriptor, { ...options, context }) as ValidationResult<Record<string, unknown>>;
  return {
    id: about.id ?? descriptor.name,
    description: about.description ?? '',
    descriptor,
    validate: {
      create: validator('create'),
      replace: validator('replace'),
      patchResult: validator('patchResult'),
      response: validator('response'),
    },
  };
}
