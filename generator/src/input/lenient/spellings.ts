/**
 * What vendors write for a characteristic's value instead of RFC 7643's spelling, read as the
 * RFC value by --lenient (case is already ignored).
 */
const SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  type: {
    str: 'string',
    text: 'string',
    int: 'integer',
    long: 'integer',
    number: 'decimal',
    float: 'decimal',
    double: 'decimal',
    bool: 'boolean',
    date: 'dateTime',
    datetime: 'dateTime',
    timestamp: 'dateTime',
    object: 'complex',
    ref: 'reference',
    uri: 'reference',
    url: 'reference',
    base64: 'binary',
  },
  mutability: {
    read: 'readOnly',
    write: 'writeOnly',
    readonly: 'readOnly',
    'read-only': 'readOnly',
    read_only: 'readOnly',
    rw: 'readWrite',
    'read-write': 'readWrite',
    read_write: 'readWrite',
    writable: 'readWrite',
    writeonce: 'immutable',
  },
  returned: { yes: 'always', no: 'never', onrequest: 'request', true: 'default', false: 'never' },
  uniqueness: { unique: 'server', false: 'none', true: 'server' },
};

/**
 * An RFC value for what was written: a known synonym, else the one allowed value within two
 * edits of it ("readWirte" → "readWrite"); undefined when nothing is close enough to be sure.
 */
export function respell(key: string, written: string, allowed: readonly string[]): string | undefined {
  const lower = written.trim().toLowerCase();
  const synonym = SYNONYMS[key]?.[lower];
  if (synonym !== undefined && allowed.includes(synonym)) return synonym;
  const distances = allowed.map((value) => ({ value, distance: editDistance(lower, value.toLowerCase()) }));
  const best = Math.min(...distances.map((d) => d.distance));
  const closest = distances.filter((d) => d.distance === best);
  return best <= 2 && closest.length === 1 ? closest[0]!.value : undefined;
}

/** "Multi_Valued", "sub-attributes" and "SUBATTRIBUTES" all fold to one spelling. */
export function foldSpelling(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate a word was meant to be: the same but for case and separators ("multivalued",
 * "multi_valued" → "multiValued"), else the one nearest candidate if it is within two edits.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const same = list.find((c) => foldSpelling(c) === foldSpelling(word));
  if (same !== undefined) return same;
  const distances = list.map((c) => editDistance(foldSpelling(word), foldSpelling(c)));
  const best = Math.min(...distances);
  const nearest = list.filter((_, i) => distances[i] === best);
  return best <= 2 && nearest.length === 1 ? nearest[0] : undefined;
}

/** Levenshtein distance, for the short words characteristics are (capped at 64 characters). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
