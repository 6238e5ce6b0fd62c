import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadSchemaDocuments, loadSchemaFiles, type Diagnostic } from '../generator/src/index.js';
import { run } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/fs.js';

/** Where a diagnostic lands, as an editor shows it. */
const where = (d: Diagnostic) => ({ code: d.code, pointer: d.pointer, line: d.line, column: d.column });

const SCHEMA_HEAD = `{
  "id": "urn:example:params:scim:schemas:test:2.0:Widget",
  "name": "Widget",
  "attributes": [
`;
const CLEAN = `    { "name": "label", "type": "string", "multiValued": false, "required": false, "caseExact": false,
      "mutability": "readWrite", "returned": "default", "uniqueness": "none" }`;

describe('every diagnostic on a schema file carries line and column', () => {
  it.each<[string, string, { lenient?: boolean }, ReturnType<typeof where>[]]>([
    [
      'a wrong value: at its key',
      `${SCHEMA_HEAD}${CLEAN},
    { "name": "size", "type": "int", "multiValued": false, "required": false,
      "mutability": "readWrite", "returned": "default", "uniqueness": "none" }
  ]
}`,
      {},
      [{ code: 'SCIM106', pointer: '/attributes/1/type', line: 7, column: 23 }],
    ],
    [
      'an unknown key: at the attribute that has it',
      `${SCHEMA_HEAD}${CLEAN.replace('"multiValued": false', '"multivalued": false')}
  ]
}`,
      {},
      [
        { code: 'SCIM202', pointer: '/attributes/0', line: 5, column: 5 },
        { code: 'SCIM204', pointer: '/attributes/0', line: 5, column: 5 },
      ],
    ],
    [
      'something missing: at the nearest enclosing value',
      `${SCHEMA_HEAD}    {
      "name": "address", "type": "complex", "multiValued": false, "required": false,
      "mutability": "readWrite", "returned": "default", "uniqueness": "none"
    }
  ]
}`,
      {},
      [{ code: 'SCIM108', pointer: '/attributes/0', line: 5, column: 5 }],
    ],
    [
      'a schema inside a ListResponse',
      `{
  "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  "totalResults": 1,
  "Resources": [
    {
      "id": "urn:example:params:scim:schemas:test:2.0:Widget",
      "name": "Widget",
      "attributes": [
        { "name": "label", "type": "strng", "multiValued": false, "required": false, "caseExact": false,
          "mutability": "readWrite", "returned": "default", "uniqueness": "none" }
      ]
    }
  ]
}`,
      {},
      [{ code: 'SCIM106', pointer: '/Resources/0/attributes/0/type', line: 9, column: 28 }],
    ],
    [
      'a key repaired by --lenient: at the key as the file spells it',
      `${SCHEMA_HEAD}${CLEAN.replace('"mutability": "readWrite"', '"Mutability": "read"')}
  ]
}`,
      { lenient: true },
      [
        { code: 'SCIM213', pointer: '/attributes/0/Mutability', line: 6, column: 7 },
        { code: 'SCIM213', pointer: '/attributes/0/Mutability', line: 6, column: 7 },
      ],
    ],
    [
      'a key given twice: the one JSON.parse keeps, the last',
      `${SCHEMA_HEAD}    { "name": "label", "type": "string", "multiValued": false, "required": false, "caseExact": false,
      "mutability": "readWrite", "returned": "default", "uniqueness": "none",
      "type": "strng" }
  ]
}`,
      {},
      [{ code: 'SCIM106', pointer: '/attributes/0/type', line: 7, column: 7 }],
    ],
    [
      'Windows line endings and a byte order mark: columns as an editor counts them',
      `\ufeff${SCHEMA_HEAD}${CLEAN.replace('"string"', '"strng"')}
  ]
}`.replace(/\n/g, '\r\n'),
      {},
      [{ code: 'SCIM106', pointer: '/attributes/0/type', line: 5, column: 24 }],
    ],
    [
      'malformed JSON: where the scan stopped',
      `{
  "id": "urn:example:params:scim:schemas:test:2.0:Widget",
  "name": "Widget"
  "attributes": []
}`,
      {},
      [{ code: 'SCIM001', pointer: '', line: 4, column: 3 }],
    ],
  ])('%s', (_name, text, options, expected) => {
    const result = loadSchemaDocuments([{ file: 'schemas/widget.json', text }], options);
    const found = result.diagnostics.filter((d) => d.code !== 'SCIM209').map(where);
    expect(found).toEqual(expected);
  });

  it('puts the position between file and pointer, the form editors and terminals open', () => {
    const text = `${SCHEMA_HEAD}${CLEAN.replace('"string"', '"strng"')}\n  ]\n}`;
    const [first] = loadSchemaDocuments([{ file: 'schemas/widget.json', text }]).diagnostics;
    expect(formatDiagnostic(first!)).toMatch(/^schemas\/widget\.json:5:24 #\/attributes\/0\/type: error SCIM106 /);
  });

  it('a file that cannot be read has no position, and says so without one', async () => {
    const result = await loadSchemaFiles(['no/such/file.json'], { cwd: REPO_ROOT });
    expect(result.diagnostics.map(where)).toEqual([
      { code: 'SCIM005', pointer: '', line: undefined, column: undefined },
    ]);
    expect(formatDiagnostic(result.diagnostics[0]!)).toMatch(/^no\/such\/file\.json: error SCIM005 /);
  });

  it('scimgen lint --json gives line and column to tools', async () => {
    const result = await run(REPO_ROOT, 'lint', '--json', 'test/fixtures/lenient/mutability-spellings');
    const diagnostics = JSON.parse(result.stdout) as Diagnostic[];
    const read = diagnostics.find((d) => d.pointer === '/attributes/1/mutability');
    expect(read).toMatchObject({ code: 'SCIM109', line: 15, column: 7 });
    expect(diagnostics.every((d) => typeof d.line === 'number' && typeof d.column === 'number')).toBe(true);
  });
});
