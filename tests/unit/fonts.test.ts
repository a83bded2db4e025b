import { FONTS } from '../../gateway/forms/pdf';

// fontkit is pdfkit's own font engine; it reads the fonts the forms embed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean } };

const LETTERS = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

describe('the fonts the printed forms embed', () => {
  it.each(Object.entries(FONTS))('have a glyph for every Vietnamese letter, both cases, in %s', (_face, path) => {
    const font = fontkit.openSync(path);
    const all = [...LETTERS, ...LETTERS.toLocaleUpperCase('vi'), ...'0123456789.,;:()/-–—“”…'];
    expect(all.filter((character) => !font.hasGlyphForCodePoint(character.codePointAt(0)!))).toEqual([]);
  });
});
