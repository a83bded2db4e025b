import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** What a printed form holds, read back the way a person or a scanner would: its text, page size and QR code. */
export interface ReadPdf {
  text: string;
  pages: number;
  /** Page size in points, as pdfinfo gives it, e.g. "841.89 x 595.28 pts (A4)". */
  pageSize: string;
  /** The QR codes found on the first page, decoded. */
  qr: string[];
}

/** Forms keep codes and dates whole with non-breaking hyphens and spaces; read back, they are the plain ones. */
const plain = (text: string) => text.replace(/\u2011/g, '-').replace(/\u00a0/g, ' ').replace(/\u2215/g, '/');

/** Words printed twice in a row (“ngày ngày”, “tỉnh tỉnh”), from the data or a form's wording: none on a good form. */
export const doubledWords = (text: string): string[] => text.replace(/\s+/g, ' ').match(/(?<![\p{L}\d])([\p{L}\d]+) \1(?![\p{L}\d])/giu) ?? [];

/** The text of one page (from 1), as `pdftotext -raw` reads it. */
export function pageText(pdf: Buffer, page: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-page-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    return plain(execFileSync('pdftotext', ['-raw', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readPdf(pdf: Buffer): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'hub-pdf-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    // In the order the text was drawn: a two-column heading reads one column, then the other.
    const text = plain(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(execFileSync('sh', ['-c', `ls ${dir}/page*.png`], { encoding: 'utf8' }).trim()));
    return {
      text,
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      pageSize: /Page size:\s+(.+)/.exec(info)?.[1].trim() ?? '',
      qr: decodeAll(png),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes every QR code of the page, looking at each half so that side-by-side copies each count. */
function decodeAll(png: PNG): string[] {
  const found = new Set<string>();
  const strips = [[0, Math.floor(png.width / 2)], [Math.floor(png.width / 2), png.width]];
  for (const [from, to] of strips) {
    const width = to - from;
    const data = new Uint8ClampedArray(width * png.height * 4);
    for (let y = 0; y < png.height; y++) {
      data.set(png.data.subarray((y * png.width + from) * 4, (y * png.width + to) * 4), y * width * 4);
    }
    // Printed codes are dark on light: no need to try the inverted image.
    const code = jsQR(data, width, png.height, { inversionAttempts: 'dontInvert' });
    if (code) found.add(code.data);
  }
  return [...found];
}

/** One word as pdftotext -bbox places it, in points from the page's top left. */
export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfLayout {
  pages: Array<{ width: number; height: number }>;
  words: WordBox[];
  /** The words of each printed line, joined by spaces: a phrase wrapped across lines is in none of them. */
  lines: string[];
}

const OUTPUT = join(__dirname, '..', '..', 'test-output', 'forms');

/**
 * Where every word of the form is printed (`pdftotext -bbox`), and its pages rendered as PNG into
 * test-output/forms/<name>-<page>.png for a person to look at.
 */
export function layoutOf(pdf: Buffer, name: string): PdfLayout {
  const dir = mkdtempSync(join(tmpdir(), 'hub-layout-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    mkdirSync(OUTPUT, { recursive: true });
    execFileSync('pdftoppm', ['-r', '72', '-png', file, join(OUTPUT, name)]);
    const pages: PdfLayout['pages'] = [];
    const words: WordBox[] = [];
    for (const page of html.split('<page ').slice(1)) {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
      pages.push({ width: Number(size[1]), height: Number(size[2]) });
      for (const word of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page: pages.length, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), text: plain(unescape(word[5])) });
      }
    }
    const byLine = new Map<string, WordBox[]>();
    for (const word of words) {
      const key = `${word.page}:${Math.round(word.yMax)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), word]);
    }
    const lines = [...byLine.values()].map((line) => line.sort((a, b) => a.xMin - b.xMin).map((word) => word.text).join(' '));
    return { pages, words, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Words printed over each other or off the page: none on a well-set form. A touch (under 0.5 pt) is no overlap. */
export function layoutProblems(layout: PdfLayout): string[] {
  const problems: string[] = [];
  const SLACK = 0.5;
  for (const word of layout.words) {
    const page = layout.pages[word.page - 1];
    if (word.xMin < 0 || word.yMin < 0 || word.xMax > page.width || word.yMax > page.height) problems.push(`“${word.text}” is off page ${word.page}`);
  }
  for (let i = 0; i < layout.words.length; i++) {
    for (let j = i + 1; j < layout.words.length; j++) {
      const a = layout.words[i];
      const b = layout.words[j];
      if (a.page !== b.page) continue;
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > SLACK && down > SLACK) problems.push(`“${a.text}” and “${b.text}” overlap on page ${a.page}`);
    }
  }
  return problems;
}
