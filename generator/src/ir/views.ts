import type { Mutability, Returned, ViewName } from './types.js';

/** The characteristics a view looks at; works on linted and IR attributes alike. */
export interface ViewInput {
  readonly name: string;
  readonly type: string;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly canonicalValues: readonly string[];
  readonly subAttributes: readonly ViewInput[];
}

export interface ViewNode<A extends ViewInput> {
  readonly attribute: A;
  readonly optional: boolean;
  readonly children: readonly ViewNode<A>[];
}

/**
 * Whether an attribute appears in a view at all.
 * - resource (a response): everything a server may return, so not returned "never" (RFC 7643 §2.2).
 * - createRequest, replaceRequest, patchValue: everything a client may send, so not readOnly
 *   (a server ignores readOnly input, RFC 7643 §2.2).
 */
export function inView(attribute: ViewInput, view: ViewName): boolean {
  if (view === 'resource') return attribute.returned !== 'never';
  return attribute.mutability !== 'readOnly';
}

/**
 * Whether an attribute may be left out. A PATCH value is always partial; a response may leave
 * out what is returned only on request.
 */
export function optionalInView(attribute: ViewInput, view: ViewName): boolean {
  if (view === 'patchValue') return true;
  if (view === 'resource' && attribute.returned === 'request') return true;
  return !attribute.required;
}

export function viewNodes<A extends ViewInput>(attributes: readonly A[], view: ViewName): ViewNode<A>[] {
  return attributes
    .filter((a) => inView(a, view))
    .map((a) => ({
      attribute: a,
      optional: optionalInView(a, view),
      children: viewNodes(a.subAttributes as readonly A[], view),
    }));
}

/** A key equal for two views exactly when the complex attribute has the same shape in both. */
export function viewSignature(attribute: ViewInput, view: ViewName): string {
  const shape = (nodes: readonly ViewNode<ViewInput>[]): unknown =>
    nodes.map((n) => [
      n.attribute.name,
      n.attribute.type,
      n.attribute.multiValued,
      n.optional,
      n.attribute.canonicalValues,
      shape(n.children),
    ]);
  return JSON.stringify(shape(viewNodes(attribute.subAttributes, view)));
}
