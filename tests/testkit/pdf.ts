import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export function readPdf(pdf: Buffer): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'hub-pdf-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    // In the order the text was drawn: a two-column heading reads one column, then the other.
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
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
