import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiWord,
  citationKeys,
  csvCell,
  EXPORT_FORMATS,
  exportFileName,
  exportPapers,
  markdownText,
  oneLine,
  toBibtex,
  toCsv,
  toMarkdown,
  toRis,
} from '@/lib/export';
import type { Paper, SavedPaper } from '@/lib/types';
import { makePaper } from '../fixtures/paper';

// Local time, so the dates below hold in any time zone the tests run in.
const NOW = new Date(2026, 10, 26, 9, 30).getTime();
const OPTIONS = { endpoint: 'https://huggingface.co', now: NOW };

/** A live saved paper: plain defaults, `overrides` merged in. */
function makeSaved(paper: Partial<Paper>, overrides: Partial<SavedPaper> = {}): SavedPaper {
  const snapshot = makePaper(paper);
  return {
    id: snapshot.id,
    paper: snapshot,
    savedAt: Date.UTC(2026, 10, 20, 8),
    updatedAt: Date.UTC(2026, 10, 20, 8),
    removedAt: null,
    tags: [],
    note: '',
    pdf: { state: 'stored', bytes: 1000, updatedAt: Date.UTC(2026, 10, 20, 8) },
    ...overrides,
  };
}

const attention = makeSaved(
  {
    id: '1706.03762',
    title: 'Attention Is All You Need',
    abstract: 'The dominant sequence transduction models are based on complex recurrent networks.',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Jan van der Berg'],
    githubRepo: 'https://github.com/tensorflow/tensor2tensor',
    publishedAt: '2017-06-12T17:57:34.000Z',
    feedDay: '2017-06-13',
  },
  { tags: ['nlp', 'transformers'], note: 'Read on the plane.' },
);

// Everything a title, an author, an abstract or a note can throw at a file format.
const hostile = makeSaved(
  {
    id: '2602.23229',
    title:
      'Über-fast {LLMs\n@misc{evil, title={x}} \\ 50% & $5 #1 a_b ~c^2 "q", [x](javascript:alert(1)) <script>x</script>',
    abstract: 'First line.\nER  - \nTY  - JOUR\r\n=1+1, "quoted" <b>bold</b>',
    authors: ['José Müller', '\u202EDavid\u202C Smith, Jr.', 'Tom and Jerry'],
    githubRepo: 'javascript:alert(1)',
    projectPage: 'https://example.org/a_(b)',
    publishedAt: null,
    feedDay: '2026-02-27',
  },
  {
    savedAt: Date.UTC(2026, 10, 21, 9),
    tags: ['a,b', '-1', 'x&y'],
    note: '=HYPERLINK("http://evil.example")\nsecond line, with a comma\n# not a heading',
  },
);

// Same first author, year and first word as `attention`: its key needs a suffix.
const again = makeSaved(
  {
    id: '1706.99999',
    title: 'Attention, again',
    authors: ['Ashish Vaswani'],
    publishedAt: '2017-07-01T00:00:00.000Z',
    feedDay: '2017-07-02',
  },
  { savedAt: Date.UTC(2026, 10, 22, 10) },
);

const PAPERS = [attention, hostile, again];

describe('BibTeX', () => {
  it('writes @misc entries with escaped values, unique keys and arXiv eprint fields', () => {
    const expected = `@misc{vaswani2017attention,
  title = {{Attention Is All You Need}},
  author = {Ashish Vaswani and Noam Shazeer and Jan van der Berg},
  year = {2017},
  month = jun,
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/1706.03762},
  abstract = {The dominant sequence transduction models are based on complex recurrent networks.},
  keywords = {nlp, transformers},
  annote = {Read on the plane.}
}

@misc{muller2026uber,
  title = {{Über-fast \\textbraceleft{}LLMs @misc\\textbraceleft{}evil, title=\\textbraceleft{}x\\textbraceright{}\\textbraceright{} \\textbackslash{} 50\\% \\& \\$5 \\#1 a\\_b \\textasciitilde{}c\\textasciicircum{}2 "q", [x](javascript:alert(1)) \\textless{}script\\textgreater{}x\\textless{}/script\\textgreater{}}},
  author = {José Müller and {David Smith, Jr.} and {Tom and Jerry}},
  year = {2026},
  month = feb,
  eprint = {2602.23229},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2602.23229},
  abstract = {First line. ER - TY - JOUR =1+1, "quoted" \\textless{}b\\textgreater{}bold\\textless{}/b\\textgreater{}},
  keywords = {a,b, -1, x\\&y},
  annote = {=HYPERLINK("http://evil.example") second line, with a comma \\# not a heading}
}

@misc{vaswani2017attentiona,
  title = {{Attention, again}},
  author = {Ashish Vaswani},
  year = {2017},
  month = jul,
  eprint = {1706.99999},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/1706.99999}
}
`;

    const actual = toBibtex(PAPERS, OPTIONS);

    expect(actual).toBe(expected);
  });

  it('keeps every entry whole, whatever the text: braces balanced, no line starting a new entry', () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.constantFrom('{', '}', '\\', '@', '\n', '\r', '%', '"', ',', '=', 'a', ' ', '\u202E', '\uD800'),
      }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, author: text, abstract: text, note: text, tag: text, id: text }), {
          minLength: 1,
          maxLength: 4,
        }),
        (inputs) => {
          const saved = inputs.map((input) =>
            makeSaved(
              { id: input.id, title: input.title, authors: [input.author], abstract: input.abstract },
              { tags: [input.tag], note: input.note },
            ),
          );

          const actual = toBibtex(saved, OPTIONS);

          const entries = actual.split('\n\n');
          expect(entries).toHaveLength(saved.length);
          for (const entry of entries) {
            // BibTeX counts every brace, escaped or not.
            let depth = 0;
            for (const char of entry) {
              depth += char === '{' ? 1 : char === '}' ? -1 : 0;
              expect(depth).toBeGreaterThanOrEqual(0);
            }
            expect(depth).toBe(0);
            expect(entry.split('\n').filter((line) => line.startsWith('@'))).toHaveLength(1);
            expect(entry.endsWith('}\n') || entry.endsWith('}')).toBe(true);
          }
        },
      ),
    );
  });
});

describe('citation keys', () => {
  it('gives repeats a, b, c… in order, the first keeping the plain key', () => {
    const paper = makePaper({ authors: ['Ada Lovelace'], title: 'Notes', publishedAt: '2026-01-02T00:00:00Z' });

    const actual = citationKeys([paper, paper, paper, makePaper({ ...paper, title: 'Other notes' })]);

    expect(actual).toEqual(['lovelace2026notes', 'lovelace2026notesa', 'lovelace2026notesb', 'lovelace2026other']);
  });

  it('never repeats a key, even when a plain key looks like a suffixed one', () => {
    const plain = makePaper({ authors: ['Ada Lovelace'], title: 'Notes', feedDay: '2026-01-02' });
    const lookalike = makePaper({ authors: ['Ada Lovelace'], title: 'Notesa', feedDay: '2026-01-02' });

    const actual = citationKeys([plain, plain, lookalike]);

    expect(actual).toEqual(['lovelace2026notes', 'lovelace2026notesa', 'lovelace2026notesaa']);
  });

  it.each([
    ['Jörg Müller', 'muller'],
    ['Łukasz Kaiser', 'kaiser'],
    ['Søren Kierkegaard', 'kierkegaard'],
    ['Ludwig van Beethoven', 'vanbeethoven'],
    ['Hopper, Grace', 'hopper'],
    ['Guy Steele, Jr.', 'steele'],
    ['Zoë O’Brien-Smith', 'obriensmith'],
    ['张伟', 'anon'],
  ])('takes the family name of %j as ASCII: %j', (author, family) => {
    const [actual] = citationKeys([makePaper({ authors: [author], title: 'The Study', feedDay: '2026-03-06' })]);

    expect(actual).toBe(`${family}2026study`);
  });

  it('skips small words and punctuation for the title word, and leaves out what is missing', () => {
    const actual = citationKeys([
      makePaper({ authors: [], title: 'On the $\\pi_0$ model', feedDay: '2026-03-06' }),
      makePaper({ authors: ['Ada Lovelace'], title: '???', feedDay: 'not a day' }),
    ]);

    expect(actual).toEqual(['anon2026pi0', 'lovelace']);
  });

  it('folds accents and strips the rest: "Müller" → "muller"', () => {
    expect(asciiWord('Müller')).toBe('muller');
    expect(asciiWord('Straße')).toBe('strasse');
    expect(asciiWord('Ærø')).toBe('aero');
  });

  it('are unique and ASCII for any papers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ author: fc.string({ unit: 'binary' }), title: fc.string({ unit: 'binary' }) }), {
          maxLength: 30,
        }),
        (inputs) => {
          const papers = inputs.map((input) => makePaper({ authors: [input.author], title: input.title }));

          const actual = citationKeys(papers);

          expect(new Set(actual).size).toBe(papers.length);
          for (const key of actual) expect(key).toMatch(/^[a-z][a-z0-9]*$/);
        },
      ),
    );
  });
});

describe('RIS', () => {
  it('writes one TY … ER record per paper, CRLF, one line per field', () => {
    const expected = [
      'TY  - JOUR',
      'TI  - Attention Is All You Need',
      'AU  - Vaswani, Ashish',
      'AU  - Shazeer, Noam',
      'AU  - van der Berg, Jan',
      'T2  - arXiv',
      'PY  - 2017',
      'DA  - 2017/06/12/',
      'AB  - The dominant sequence transduction models are based on complex recurrent networks.',
      'UR  - https://arxiv.org/abs/1706.03762',
      'AN  - arXiv:1706.03762',
      'DB  - arXiv',
      'KW  - nlp',
      'KW  - transformers',
      'N1  - Read on the plane.',
      'ER  - ',
      '',
      'TY  - JOUR',
      'TI  - Über-fast {LLMs @misc{evil, title={x}} \\ 50% & $5 #1 a_b ~c^2 "q", [x](javascript:alert(1)) <script>x</script>',
      'AU  - Müller, José',
      'AU  - David Smith, Jr.',
      'AU  - Jerry, Tom and',
      'T2  - arXiv',
      'PY  - 2026',
      'DA  - 2026/02/27/',
      'AB  - First line. ER - TY - JOUR =1+1, "quoted" <b>bold</b>',
      'UR  - https://arxiv.org/abs/2602.23229',
      'AN  - arXiv:2602.23229',
      'DB  - arXiv',
      'KW  - a,b',
      'KW  - -1',
      'KW  - x&y',
      'N1  - =HYPERLINK("http://evil.example") second line, with a comma # not a heading',
      'ER  - ',
      '',
      'TY  - JOUR',
      'TI  - Attention, again',
      'AU  - Vaswani, Ashish',
      'T2  - arXiv',
      'PY  - 2017',
      'DA  - 2017/07/01/',
      'UR  - https://arxiv.org/abs/1706.99999',
      'AN  - arXiv:1706.99999',
      'DB  - arXiv',
      'ER  - ',
      '',
    ].join('\r\n');

    const actual = toRis(PAPERS, OPTIONS);

    expect(actual).toBe(expected);
  });

  it('never lets a value start a line of its own, whatever the text', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('\n', '\r', '\u2028', '\u0085', 'T', 'Y', 'E', 'R', ' ', '-', 'a') }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.record({ title: text, author: text, abstract: text, note: text, tag: text }), (input) => {
        const saved = makeSaved(
          { title: input.title, authors: [input.author], abstract: input.abstract },
          { tags: [input.tag], note: input.note },
        );

        const actual = toRis([saved, saved], OPTIONS);

        expect(actual).not.toMatch(/[^\r]\n|\r(?!\n)|[\u2028\u2029\u0085]/);
        const lines = actual.split('\r\n');
        for (const line of lines) expect(line).toMatch(/^$|^[A-Z][A-Z0-9] {2}- /);
        expect(lines.filter((line) => line.startsWith('TY  - '))).toHaveLength(2);
        expect(lines.filter((line) => line.startsWith('ER  - '))).toHaveLength(2);
      }),
    );
  });
});

describe('Markdown', () => {
  it('writes a reading list with links, authors, tags and notes, special characters escaped', () => {
    const expected = `# Paperboy reading list

3 papers · exported 2026-11-26

- [Attention Is All You Need](https://huggingface.co/papers/1706.03762)
  - Authors: Ashish Vaswani, Noam Shazeer, Jan van der Berg
  - Published: 2017-06-12
  - Links: [arXiv](https://arxiv.org/abs/1706.03762) · [PDF](https://arxiv.org/pdf/1706.03762) · [Code](https://github.com/tensorflow/tensor2tensor)
  - Tags: nlp, transformers
  - Note: Read on the plane.
- [Über-fast {LLMs @misc{evil, title={x}} \\\\ 50% & \\$5 #1 a\\_b \\~c^2 "q", \\[x\\](javascript:alert(1)) \\<script\\>x\\</script\\>](https://huggingface.co/papers/2602.23229)
  - Authors: José Müller, David Smith, Jr., Tom and Jerry
  - Published: 2026-02-27
  - Links: [arXiv](https://arxiv.org/abs/2602.23229) · [PDF](https://arxiv.org/pdf/2602.23229) · [Project page](https://example.org/a_%28b%29)
  - Tags: a,b, -1, x&y
  - Note: =HYPERLINK("http://evil.example")\\
    second line, with a comma\\
    \\# not a heading
- [Attention, again](https://huggingface.co/papers/1706.99999)
  - Authors: Ashish Vaswani
  - Published: 2017-07-01
  - Links: [arXiv](https://arxiv.org/abs/1706.99999) · [PDF](https://arxiv.org/pdf/1706.99999)
`;

    const actual = toMarkdown(PAPERS, OPTIONS);

    expect(actual).toBe(expected);
  });

  it('says so when the list is empty, and counts one paper in the singular', () => {
    expect(toMarkdown([], OPTIONS)).toBe('# Paperboy reading list\n\n0 papers · exported 2026-11-26\n');
    expect(toMarkdown([again], OPTIONS).split('\n')[2]).toBe('1 paper · exported 2026-11-26');
  });

  it.each([
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['**bold** _it_ `code` ~~gone~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~'],
    ['a | b', 'a \\| b'],
    ['$\\pi_0$', '\\$\\\\pi\\_0\\$'],
    ['Q&amp;A &#60; R&D', 'Q\\&amp;A \\&#60; R&D'],
  ])('escapes %j so it renders as itself', (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });

  it('links only to http(s) addresses, whatever the title or links say', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '\\', '<', '>', 'javascript:', '!', '\n', 'x') }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.record({ title: text, author: text, note: text, tag: text, link: text }), (input) => {
        const saved = makeSaved(
          { title: input.title, authors: [input.author], githubRepo: input.link, projectPage: input.link },
          { tags: [input.tag], note: input.note },
        );

        const actual = toMarkdown([saved], OPTIONS);

        for (const target of linkTargets(actual)) expect(target).toMatch(/^https?:\/\/[^\s()]*$/);
        expect(actual).not.toMatch(/(^|[^\\])(\\\\)*</);
      }),
    );
  });
});

describe('CSV', () => {
  it('writes RFC 4180 rows after a header and a BOM, quoting and defusing formulas', () => {
    const expected =
      '\uFEFF' +
      [
        'id,title,authors,published,feed_day,hf_url,arxiv_url,pdf_url,code_url,project_url,tags,note,saved_at,abstract',
        '1706.03762,Attention Is All You Need,Ashish Vaswani; Noam Shazeer; Jan van der Berg,2017-06-12,2017-06-13,https://huggingface.co/papers/1706.03762,https://arxiv.org/abs/1706.03762,https://arxiv.org/pdf/1706.03762,https://github.com/tensorflow/tensor2tensor,,nlp; transformers,Read on the plane.,2026-11-20T08:00:00.000Z,The dominant sequence transduction models are based on complex recurrent networks.',
        '2602.23229,"Über-fast {LLMs @misc{evil, title={x}} \\ 50% & $5 #1 a_b ~c^2 ""q"", [x](javascript:alert(1)) <script>x</script>","José Müller; David Smith, Jr.; Tom and Jerry",2026-02-27,2026-02-27,https://huggingface.co/papers/2602.23229,https://arxiv.org/abs/2602.23229,https://arxiv.org/pdf/2602.23229,,https://example.org/a_(b),"a,b; -1; x&y","\'=HYPERLINK(""http://evil.example"")\nsecond line, with a comma\n# not a heading",2026-11-21T09:00:00.000Z,"First line. ER - TY - JOUR =1+1, ""quoted"" <b>bold</b>"',
        '1706.99999,"Attention, again",Ashish Vaswani,2017-07-01,2017-07-02,https://huggingface.co/papers/1706.99999,https://arxiv.org/abs/1706.99999,https://arxiv.org/pdf/1706.99999,,,,,2026-11-22T10:00:00.000Z,',
        '',
      ].join('\r\n');

    const actual = toCsv(PAPERS, OPTIONS);

    expect(actual).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['=A1,"b"', '"\'=A1,""b"""'],
    ['a=b', 'a=b'],
    ['say "hi"', '"say ""hi"""'],
    ['one\ntwo', '"one\ntwo"'],
    ['', ''],
  ])('writes the cell %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('reads back as the same cells, one row per paper, whatever the text', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', '=', '+', '-', '@', '\t', ' ', 'a') }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, note: text }), { maxLength: 4 }), (inputs) => {
        const saved = inputs.map((input) => makeSaved({ title: input.title }, { note: input.note }));

        const rows = parseCsv(toCsv(saved, OPTIONS).replace(/^\uFEFF/, ''));

        expect(rows).toHaveLength(saved.length + 1);
        for (const row of rows) expect(row).toHaveLength(14);
        inputs.forEach((input, index) => {
          const title = oneLine(input.title);
          expect(rows[index + 1]?.[1]).toBe(/^[=+\-@]/.test(title) ? `'${title}` : title);
        });
      }),
    );
  });
});

describe('every format', () => {
  it('leaves removed papers out', () => {
    const removed = makeSaved({ id: '2601.00001', title: 'Gone paper' }, { removedAt: Date.UTC(2026, 10, 23) });

    for (const { format } of EXPORT_FORMATS) {
      const actual = exportPapers(format, [removed, again], OPTIONS);

      expect(actual).not.toContain('Gone paper');
      expect(actual).toContain('Attention, again');
    }
  });

  it('dispatches to the format asked for', () => {
    expect(exportPapers('bibtex', PAPERS, OPTIONS)).toBe(toBibtex(PAPERS, OPTIONS));
    expect(exportPapers('ris', PAPERS, OPTIONS)).toBe(toRis(PAPERS, OPTIONS));
    expect(exportPapers('markdown', PAPERS, OPTIONS)).toBe(toMarkdown(PAPERS, OPTIONS));
    expect(exportPapers('csv', PAPERS, OPTIONS)).toBe(toCsv(PAPERS, OPTIONS));
  });

  it('names files after the local date of the export', () => {
    const late = new Date(2026, 0, 5, 23, 59).getTime();

    expect(EXPORT_FORMATS.map(({ format }) => exportFileName(format, late))).toEqual([
      'paperboy-2026-01-05.bib',
      'paperboy-2026-01-05.ris',
      'paperboy-2026-01-05.md',
      'paperboy-2026-01-05.csv',
    ]);
  });

  it('links papers to the configured mirror', () => {
    const actual = toMarkdown([again], { endpoint: 'https://hf-mirror.example/base/', now: NOW });

    expect(actual).toContain('[Attention, again](https://hf-mirror.example/base/papers/1706.99999)');
  });
});

/** Targets of the Markdown links in `text`: after every `](` whose `]` is not escaped. */
function linkTargets(text: string): string[] {
  const targets: string[] = [];
  for (let i = text.indexOf(']('); i >= 0; i = text.indexOf('](', i + 1)) {
    let slashes = 0;
    while (text[i - 1 - slashes] === '\\') slashes += 1;
    if (slashes % 2 === 1) continue;
    const end = text.indexOf(')', i + 2);
    targets.push(text.slice(i + 2, end < 0 ? undefined : end));
  }
  return targets;
}

/** A strict RFC 4180 reader (CRLF records, quoted fields), enough to read back what toCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quote');
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      const match = /,|\r\n/.exec(text.slice(i));
      const end = match === null ? text.length : i + match.index;
      cell = text.slice(i, end);
      if (/["\r\n]/.test(cell)) throw new Error(`bare quote or line break in ${JSON.stringify(cell)}`);
      i = end;
    }
    row.push(cell);
    if (text.startsWith(',', i)) {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) {
      throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 10))}`);
    }
  }
  if (row.length > 0) throw new Error('last record without CRLF');
  return rows;
}
