/** The fields of package.json that map names to values, merged entry by entry. */
const MAPS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'scripts'];

type Manifest = Record<string, unknown>;

const isObject = (value: unknown): value is Manifest =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entries an earlier generation wrote (its `scimgen.manages`), by field. */
function managedBefore(existing: Manifest, field: string): ReadonlySet<string> {
  const scimgen = existing['scimgen'];
  const manages = isObject(scimgen) && isObject(scimgen['manages']) ? scimgen['manages'][field] : undefined;
  return new Set(Array.isArray(manages) ? manages.filter((name) => typeof name === 'string') : []);
}

/**
 * A generated package.json merged with the one on disk: the generator's fields and entries as it
 * writes them, and everything the user added kept (fields, dependencies, scripts). The generator
 * manages only its own entries — those it writes now, and those an earlier run wrote (listed in
 * `scimgen.manages`), which go when no longer needed; a package.json that is not a JSON object is
 * replaced.
 */
export function mergeManifest(existingText: string, generatedText: string): string {
  let existing: unknown;
  try {
    existing = JSON.parse(existingText);
  } catch {
    return generatedText;
  }
  const generated = JSON.parse(generatedText) as Manifest;
  if (!isObject(existing)) return generatedText;
  const merged: Manifest = { ...generated };
  for (const field of MAPS) {
    const theirs = existing[field];
    if (!isObject(theirs)) continue;
    const ours = isObject(generated[field]) ? (generated[field] as Manifest) : {};
    const before = managedBefore(existing, field);
    const added = Object.fromEntries(
      Object.entries(theirs).filter(([name]) => !Object.hasOwn(ours, name) && !before.has(name)),
    );
    if (Object.keys(added).length > 0) merged[field] = { ...ours, ...added };
  }
  for (const [field, value] of Object.entries(existing)) if (!Object.hasOwn(merged, field)) merged[field] = value;
  return `${JSON.stringify(merged, null, 2)}\n`;
}
