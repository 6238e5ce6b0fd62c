import { FilterBuilder, PatchBuilder, type ScimFilter } from './builders.js';
import type { DiffOptions } from './diff.js';
import type {
  ListParameters,
  ListResponse,
  PatchOperation,
  ResourceClient,
  Returned,
  WriteOptions,
} from './resources.js';

/** List parameters whose filter is built with the resource type's paths, or given as text. */
export interface TypedListParameters<F> extends Omit<ListParameters, 'filter'> {
  readonly filter?: string | ScimFilter | ((f: FilterBuilder<F>) => ScimFilter);
}

/**
 * A resource type's endpoint with its generated types: R the resource, C a create request, P a
 * replace request, F the filterable paths and what they compare with, U the PATCH paths and
 * the values they take.
 */
export class TypedResourceClient<R, C, P, F, U> {
  private readonly filters = new FilterBuilder<F>();
  private readonly patches = new PatchBuilder<U>();

  constructor(readonly untyped: ResourceClient<R, C, P>) {}

  private filterText(filter: TypedListParameters<F>['filter']): string | undefined {
    if (filter === undefined || typeof filter === 'string') return filter;
    return (typeof filter === 'function' ? filter(this.filters) : filter).text;
  }

  private parameters(parameters: TypedListParameters<F>): ListParameters {
    const filter = this.filterText(parameters.filter);
    return { ...parameters, ...(filter !== undefined ? { filter } : { filter: undefined }) } as ListParameters;
  }

  create(resource: C, options?: WriteOptions & { lookupBy?: string }): Promise<Returned<R>> {
    return this.untyped.create(resource, options);
  }
  update(
    id: string,
    next: P,
    options?: WriteOptions & DiffOptions & { mode?: 'patch' | 'put'; current?: Returned<R> },
  ): Promise<Returned<R> | undefined> {
    return this.untyped.update(id, next, options);
  }
  get(
    id: string,
    options?: { attributes?: readonly string[]; excludedAttributes?: readonly string[] },
  ): Promise<Returned<R> | undefined> {
    return this.untyped.get(id, options);
  }
  replace(id: string, resource: P, options?: WriteOptions): Promise<Returned<R>> {
    return this.untyped.replace(id, resource, options);
  }
  /** Operations as a list, or built: `patch(id, (p) => [p.replace('active', false)])`. */
  patch(
    id: string,
    operations: readonly PatchOperation[] | ((p: PatchBuilder<U>) => readonly PatchOperation[]),
    options?: WriteOptions,
  ): Promise<Returned<R> | undefined> {
    return this.untyped.patch(id, typeof operations === 'function' ? operations(this.patches) : operations, options);
  }
  delete(id: string, options?: WriteOptions): Promise<void> {
    return this.untyped.delete(id, options);
  }
  list(parameters: TypedListParameters<F> = {}): Promise<ListResponse<R>> {
    return this.untyped.list(this.parameters(parameters));
  }
  search(parameters: TypedListParameters<F> = {}): Promise<ListResponse<R>> {
    return this.untyped.search(this.parameters(parameters));
  }
  all(
    parameters: Omit<TypedListParameters<F>, 'startIndex' | 'cursor'> = {},
    paging?: 'index' | 'cursor',
  ): AsyncGenerator<Returned<R>> {
    return this.untyped.all(this.parameters(parameters), paging);
  }
}
