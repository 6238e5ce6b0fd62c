import { classifyDocument } from './classify.js';
import { compareDiagnostics, diagnostic, repairable, type Diagnostic } from './diagnostics.js';
import { withPositions } from './positions.js';
import { normalizeKeyCase, originalPointer } from './lenient/key-case.js';
import { closest } from './lenient/spellings.js';
import { childPointer } from './json-pointer.js';
import { DEFAULT_LIMITS, type InputLimits } from './limits.js';
import { declaredCommonAttributes, lintSchema } from './lint-schema.js';
import { lintResourceType } from './lint-resource-type.js';
import type { LintedResourceType, LintedSchema } from './linted.js';
import { parseDocument } from './parse-document.js';
import { readSources, type SourceDocument } from './sources.js';

export interface LoadOptions {
  readonly limits?: Partial<InputLimits>;
  /** Directory relative inputs are resolved against; defaults to process.cwd(). */
  readonly cwd?: string;
  /**
   * Repair what vendors get wrong (keys and values in other spellings, complex attributes
   * without sub-attributes, contradictions, non-URI ids, stray objects) instead of failing: each
   * repair is a SCIM213 warning naming the file, the JSON pointer and what was done.
   */
  readonly lenient?: boolean;
}

export interface LoadResult {
  /** Sorted by id; only schemas without errors. */
  readonly schemas: readonly LintedSchema[];
  /** Sorted by name; only resource types without errors. */
  readonly resourceTypes: readonly LintedResourceType[];
  /** Sorted by file, pointer and code. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads schema files and directories, then lints them. */
export async function loadSchemaFiles(inputs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { documents, diagnostics } = await readSources(inputs, options.cwd ?? process.cwd(), limits);
  const result = loadSchemaDocuments(documents, options);
  // "No schema" says nothing new when the files could not be read in the first place.
  const own = diagnostics.length > 0 ? result.diagnostics.filter((d) => d.code !== 'SCIM006') : result.diagnostics;
  return { ...result, diagnostics: [...diagnostics, ...own].sort(compareDiagnostics) };
}

/** Lints documents already in memory (for example a /Schemas response fetched from a server). */
export function loadSchemaDocuments(documents: readonly SourceDocument[], options: LoadOptions = {}): LoadResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const diagnostics: Diagnostic[] = [];
  const schemas: LintedSchema[] = [];
  const resourceTypes: LintedResourceType[] = [];
  // Schemas whose own errors were reported: what refers to them is not reported again.
  const failedSchemaIds = new Set<string>();

  const ordered = [...documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // The text of each document read, to put line and column on what is reported about it.
  const texts = new Map<string, string>();
  for (const doc of ordered) {
    const parsed = parseDocument(doc, limits);
    if (!parsed.ok) {
      diagnostics.push(parsed.diagnostic);
      continue;
    }
    texts.set(doc.file, parsed.text);
    const lenient = options.lenient === true;
    const value = lenient ? normalizeKeyCase(parsed.value, doc.file, '', diagnostics) : parsed.value;
    const before = diagnostics.length;
    for (const entry of classifyDocument(value, doc.file, diagnostics, lenient)) {
      if (entry.kind === 'schema') {
        const schema = lintSchema(entry.value, doc.file, entry.pointer, limits, diagnostics, lenient);
        if (schema) schemas.push(schema);
        else if (typeof entry.value['id'] === 'string') failedSchemaIds.add(entry.value['id'].toLowerCase());
      } else {
        const resourceType = lintResourceType(entry.value, doc.file, entry.pointer, diagnostics, lenient);
        if (resourceType) resourceTypes.push(resourceType);
      }
    }
    // What was reported about the renamed keys points where the file has them.
    if (value !== parsed.value)
      for (let i = before; i < diagnostics.length; i++)
        diagnostics[i] = { ...diagnostics[i]!, pointer: originalPointer(parsed.value, diagnostics[i]!.pointer) };
  }

  const uniqueSchemas = dropDuplicates(
    schemas,
    (s) => s.id.toLowerCase(),
    (s, first) =>
      repairable(
        options.lenient,
        'SCIM102',
        s.file,
        childPointer(s.pointer, 'id'),
        `schema ${s.id} is defined again (first at ${first.file}#${first.pointer})`,
        'the first definition used',
        'each schema id once across all inputs',
      ),
    diagnostics,
  );
  const byName = dropDuplicates(
    resourceTypes,
    (r) => r.name.toLowerCase(),
    (r, first) =>
      repairable(
        options.lenient,
        'SCIM303',
        r.file,
        childPointer(r.pointer, 'name'),
        `resource type "${r.name}" is defined again (first at ${first.file}#${first.pointer})`,
        'the first definition used',
        'each resource type name once',
      ),
    diagnostics,
  );
  const uniqueResourceTypes = dropDuplicates(
    byName,
    (r) => r.endpoint.toLowerCase(),
    (r, first) =>
      repairable(
        options.lenient,
        'SCIM303',
        r.file,
        childPointer(r.pointer, 'endpoint'),
        `endpoint ${r.endpoint} is already used by resource type "${first.name}"`,
        'this resource type skipped',
        'each endpoint once',
      ),
    diagnostics,
  );

  const schemaIds = new Map(uniqueSchemas.map((s) => [s.id.toLowerCase(), s]));
  const schemaIdList = uniqueSchemas.map((s) => s.id);
  // A schema that names the endpoint it extends (ConnId's customAttributesJSON) joins that resource type.
  const extended = uniqueResourceTypes.map((rt) => {
    const joining = uniqueSchemas.filter(
      (s) =>
        s.endpoint?.toLowerCase() === rt.endpoint.toLowerCase() &&
        s.id.toLowerCase() !== rt.schema.toLowerCase() &&
        !rt.schemaExtensions.some((e) => e.schema.toLowerCase() === s.id.toLowerCase()),
    );
    return joining.length === 0
      ? rt
      : {
          ...rt,
          schemaExtensions: [...rt.schemaExtensions, ...joining.map((s) => ({ schema: s.id, required: false }))],
        };
  });
  const usable = extended.flatMap((rt) => {
    const known = (urn: string) => schemaIds.has(urn.toLowerCase());
    /** A schema no input defines, unless its own errors were reported already (one mistake, one error). */
    const missing = (urn: string, at: string, repair: string) => {
      if (failedSchemaIds.has(urn.toLowerCase())) return;
      const meant = closest(urn, schemaIdList);
      diagnostics.push(
        repairable(
          options.lenient,
          'SCIM302',
          rt.file,
          at,
          `resource type "${rt.name}" refers to schema ${urn}, which no input defines${meant === undefined ? '' : ` (did you mean ${meant}?)`}`,
          repair,
          'a schema id from the inputs',
        ),
      );
    };
    let ok = true;
    if (!known(rt.schema)) {
      missing(rt.schema, childPointer(rt.pointer, 'schema'), 'the resource type skipped');
      ok = false;
    }
    const extensions = rt.schemaExtensions.filter((ext, i) => {
      if (known(ext.schema)) return true;
      const at = childPointer(childPointer(childPointer(rt.pointer, 'schemaExtensions'), i), 'schema');
      // An optional extension whose URN is a typo of a defined schema is a mistake, not a schema the server keeps to itself.
      if (
        ext.required ||
        closest(ext.schema, schemaIdList) !== undefined ||
        failedSchemaIds.has(ext.schema.toLowerCase())
      ) {
        missing(ext.schema, at, 'the extension left out');
        ok = options.lenient === true && ok;
      } else {
        // Servers often list an optional extension they do not publish at /Schemas; it cannot be typed, only left out.
        diagnostics.push(
          diagnostic(
            'SCIM212',
            rt.file,
            at,
            `optional extension ${ext.schema} of resource type "${rt.name}" is not defined by any input; it is left out`,
            'the extension schema among the inputs',
          ),
        );
      }
      return false;
    });
    return ok ? [{ ...rt, schemaExtensions: extensions }] : [];
  });

  for (const rt of usable) {
    const core = schemaIds.get(rt.schema.toLowerCase())!;
    for (const attr of declaredCommonAttributes(core)) {
      diagnostics.push(
        diagnostic(
          'SCIM203',
          core.file,
          attr.pointer,
          `schema ${core.id} declares "${attr.name}", which RFC 7643 §3.1 defines for every resource; the common definition is used`,
        ),
      );
    }
  }
  if (usable.length > 0) {
    // What any resource type lists counts as used, also one left out for an error of its own.
    const referenced = new Set(
      extended.flatMap((rt) => [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)].map((s) => s.toLowerCase())),
    );
    for (const s of uniqueSchemas) {
      if (/:extension:/i.test(s.id) && !referenced.has(s.id.toLowerCase())) {
        diagnostics.push(
          diagnostic(
            'SCIM209',
            s.file,
            s.pointer,
            `extension schema ${s.id} is not used by any resource type; only its attribute types are generated`,
          ),
        );
      }
    }
  }
  if (documents.length > 0 && uniqueSchemas.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(
      diagnostic(
        'SCIM006',
        ordered.map((d) => d.file).join(', '),
        '',
        'the inputs contain no schema',
        'at least one Schema resource',
      ),
    );
  }
  if (documents.length === 0 && diagnostics.length === 0) {
    diagnostics.push(
      diagnostic('SCIM006', '(no input)', '', 'no schema files were given', 'at least one schema file or directory'),
    );
  }

  return {
    schemas: [...uniqueSchemas].sort((a, b) => compareIds(a.id, b.id)),
    resourceTypes: usable.sort((a, b) => compareIds(a.name, b.name)),
    diagnostics: withPositions(diagnostics, texts).sort(compareDiagnostics),
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dropDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  report: (dup: T, first: T) => Diagnostic,
  diagnostics: Diagnostic[],
): T[] {
  const seen = new Map<string, T>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      diagnostics.push(report(item, first));
      continue;
    }
    seen.set(k, item);
    out.push(item);
  }
  return out;
}
