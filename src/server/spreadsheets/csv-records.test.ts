import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records';

/** What the import read before csvRecords: csv-parse with these options, every cell trimmed. */
async function csvParse(bytes: Buffer): Promise<string[][] | 'error'> {
  const records: string[][] = [];
  try {
    const parser = Readable.from([bytes]).pipe(
      parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }),
    );
    for await (const r of parser as AsyncIterable<string[]>) records.push(r.map((c) => String(c ?? '').trim()));
    return records;
  } catch {
    return 'error';
  }
}

/** csvRecords over the bytes cut into chunks of 1–8 bytes, as a slow stream might deliver them. */
async function ours(bytes: Buffer, random: () => number): Promise<string[][] | 'error'> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(random() * 8);
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  const records: string[][] = [];
  try {
    for await (const r of csvRecords(Readable.from(chunks))) records.push(r);
    return records;
  } catch {
    return 'error';
  }
}

function generator(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

/** A small CSV text: lines of cells, some quoted (with commas, "" and line breaks inside), blanks, stray quotes. */
function randomCsv(random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const plain = ['a', '张', ' ', '\t', '\f', '\u3000', '\0', '\uFEFF', '\r', '\n'];
  const newline = pick(['\n', '\r\n', '\r']);
  let text = '';
  const lines = Math.floor(random() * 4);
  for (let l = 0; l < lines; l++) {
    const cells: string[] = [];
    for (let c = 0; c <= Math.floor(random() * 4); c++) {
      let v = '';
      const n = Math.floor(random() * 5);
      if (random() < 0.3) {
        for (let k = 0; k < n; k++) v += pick([...plain, ',', '""', newline]);
        v = pick(['', ' ', '\t']) + '"' + v + '"' + pick(['', ' ', '\t', '\u3000', 'x']);
      } else {
        for (let k = 0; k < n; k++) v += pick(plain);
        if (random() < 0.05) v += '"';
      }
      cells.push(v);
    }
    text += cells.join(',') + (l < lines - 1 || random() < 0.5 ? pick([newline, newline, '\n', '\r\n']) : '');
  }
  return text;
}

describe('CSV records', () => {
  it('reads a roster as csv-parse did: BOM, quotes, doubled quotes, commas and line breaks in quotes, trimmed cells', async () => {
    const text =
      '\uFEFF姓名,证件号码,备注\r\n 王建国 ,"140728197001010011", "逗号,引号""x"""\r\n李秀英,,"两\r\n行"\r\n\r\n';
    expect(await ours(Buffer.from(text), generator(1))).toEqual([
      ['姓名', '证件号码', '备注'],
      ['王建国', '140728197001010011', '逗号,引号"x"'],
      ['李秀英', '', '两\r\n行'],
      [''],
    ]);
  });

  it('yields the same records as csv-parse, and fails on the same files, over thousands of generated ones', async () => {
    const random = generator(20200126);
    let failures = 0;
    for (let i = 0; i < 3000; i++) {
      const text =
        random() < 0.5
          ? randomCsv(random)
          : Array.from({ length: Math.floor(random() * 30) }, () => pick(random)).join('');
      const r = random();
      const bytes =
        r < 0.1
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : r < 0.13
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
            : Buffer.from(text);
      const expected = await csvParse(bytes);
      if (expected === 'error') failures++;
      expect(await ours(bytes, random), JSON.stringify(text)).toEqual(expected);
    }
    // both kinds were tried
    expect(failures).toBeGreaterThan(300);
    expect(failures).toBeLessThan(2700);
  });
});

function pick(random: () => number): string {
  const alphabet = ['a', '张', ',', ',', '"', '"', '\r', '\n', '\n', '\r\n', ' ', '\t', '\f', '\u3000', '\0'];
  return alphabet[Math.floor(random() * alphabet.length)]!;
}
