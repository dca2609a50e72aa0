/**
 * Reads the sandbox's `;`-separated tables in tests: CRLF lines, fields quoted with `"`
 * (doubled inside) when they hold `;` or `"`. Line breaks inside fields do not occur there.
 * (The product's own feedback reader, with detection and all the edge cases, lives in src/core.)
 */
export function parseSemicolonCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => {
      const fields: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const character = line[i] as string;
        if (quoted) {
          if (character === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
          } else if (character === '"') quoted = false;
          else field += character;
        } else if (character === '"') quoted = true;
        else if (character === ';') {
          fields.push(field);
          field = '';
        } else field += character;
      }
      fields.push(field);
      return fields;
    });
}
