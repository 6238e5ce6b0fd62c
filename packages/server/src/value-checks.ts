import { readFileSync, statSync } from 'node:fs';
import {
  ScimError,
  findAttribute,
  findSubAttribute,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from '@scimgen/runtime';

/** A resource another attribute names by id: where it is, and the name to show for it. */
export interface ReferenceTarget {
  readonly location: string;
  readonly display: string | undefined;
}

/** Finds a resource of this server by resource type name and id. */
export type ResolveReference = (resourceType: string, id: string) => Promise<ReferenceTarget | undefined>;

/**
 * The values an attribute may take, from a JSON file: an array of strings, or of objects whose
 * `field` holds the value (rows of the application's own table, such as Skovik's branches and
 * their `external_identifier`). The file is read again when it changes.
 */
export interface AllowedValuesFile {
  readonly file: string;
  readonly field?: string;
}

/** Where an attribute path lands in a resource: the extension object (or the resource) and the attribute. */
interface Place {
  readonly path: string;
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
}

function place(descriptor: ResourceTypeDescriptor, path: string): Place {
  const colon = path.lastIndexOf(':');
  const extension = path.startsWith('urn:') ? path.slice(0, colon) : undefined;
  const found = findAttribute(descriptor, extension, extension === undefined ? path : path.slice(colon + 1));
  if (found === undefined) throw new Error(`${descriptor.name} has no attribute ${JSON.stringify(path)}`);
  return { path, extension: found.extension, attribute: found.attribute };
}

function containerOf(resource: Record<string, unknown>, at: Place): Record<string, unknown> | undefined {
  if (at.extension === undefined) return resource;
  const container = resource[at.extension];
  return container !== null && typeof container === 'object' ? (container as Record<string, unknown>) : undefined;
}

class AllowedValues {
  private loaded: { readonly mtimeMs: number; readonly values: ReadonlySet<string> } | undefined;

  constructor(private readonly source: AllowedValuesFile) {}

  /** The allowed values now; a file that cannot be read is the server's fault (500), never the client's. */
  current(): ReadonlySet<string> {
    const { mtimeMs } = statSync(this.source.file);
    if (this.loaded?.mtimeMs === mtimeMs) return this.loaded.values;
    const rows = JSON.parse(readFileSync(this.source.file, 'utf8')) as unknown;
    if (!Array.isArray(rows)) throw new Error(`${this.source.file} must hold a JSON array`);
    const field = this.source.field;
    const values = rows.flatMap((row: unknown) => {
      const value = field === undefined ? row : (row as Record<string, unknown> | null)?.[field];
      return typeof value === 'string' ? [value] : [];
    });
    this.loaded = { mtimeMs, values: new Set(values) };
    return this.loaded.values;
  }
}

/**
 * Checks beyond the schema on what is written: attributes whose value must be one of a list, and
 * references to other resources of this server, which must exist and are completed with their
 * `$ref` and display name (as of the write).
 */
export class ValueChecks {
  private readonly allowed: readonly { readonly at: Place; readonly values: AllowedValues; readonly file: string }[];
  private readonly references: readonly { readonly at: Place; readonly resourceType: string }[];

  constructor(
    descriptor: ResourceTypeDescriptor,
    allowedValues: Readonly<Record<string, AllowedValuesFile>>,
    references: Readonly<Record<string, string>>,
    private readonly resolve: () => ResolveReference | undefined,
  ) {
    this.allowed = Object.entries(allowedValues).map(([path, source]) => {
      const at = place(descriptor, path);
      if (at.attribute.type !== 'string' || at.attribute.multiValued)
        throw new Error(`allowedValues: ${path} is not a single-valued string`);
      const values = new AllowedValues(source);
      // Read once at start: a missing or malformed file stops the server, not a request.
      values.current();
      return { at, values, file: source.file };
    });
    this.references = Object.entries(references).map(([path, resourceType]) => {
      const at = place(descriptor, path);
      if (at.attribute.type !== 'complex' || findSubAttribute(at.attribute, 'value') === undefined)
        throw new Error(`references: ${path} is not a complex attribute with a "value"`);
      return { at, resourceType };
    });
  }

  /** The resource as it is written: 400 invalidValue for a value not allowed or a reference to nothing. */
  async check(resource: Record<string, unknown>): Promise<Record<string, unknown>> {
    for (const { at, values, file } of this.allowed) {
      const value = containerOf(resource, at)?.[at.attribute.name];
      if (typeof value === 'string' && !values.current().has(value))
        throw new ScimError(
          400,
          `${at.path} ${JSON.stringify(value)} is not one of the values this service provider knows (${file})`,
          'invalidValue',
        );
    }
    let result = resource;
    for (const { at, resourceType } of this.references) {
      const container = containerOf(result, at);
      const reference = container?.[at.attribute.name] as Record<string, unknown> | undefined;
      const id = reference?.['value'];
      if (typeof id !== 'string') continue;
      const target = await this.resolve()?.(resourceType, id);
      if (target === undefined)
        throw new ScimError(
          400,
          `${at.path}.value ${JSON.stringify(id)} names no ${resourceType} here`,
          'invalidValue',
        );
      const display = ['displayName', 'display'].find((n) => findSubAttribute(at.attribute, n) !== undefined);
      const completed = {
        ...reference,
        ...(findSubAttribute(at.attribute, '$ref') !== undefined ? { $ref: target.location } : {}),
        ...(display !== undefined && target.display !== undefined ? { [display]: target.display } : {}),
      };
      result =
        at.extension === undefined
          ? { ...result, [at.attribute.name]: completed }
          : { ...result, [at.extension]: { ...container, [at.attribute.name]: completed } };
    }
    return result;
  }
}
