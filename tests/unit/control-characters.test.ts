import { parse } from 'graphql';
import { controlCharacterIn } from '../../subgraphs/common/control-characters';

/** Where a request's text holds a control character: found in literals and variables at any depth, named by path. */
describe('control characters in a request', () => {
  it.each([
    ['{ agency(code: "BG.SNV\\u0000") { code } }', {}, 'agency(code:)', '\u0000'],
    ['mutation { receiveDossier(input: { applicant: { name: "A\\u001b" } }) { code } }', {}, 'receiveDossier(input:).applicant.name', '\u001b'],
    ['query ($code: ID!) { agency(code: $code) { code } }', { code: 'BG\u0085' }, '$code', '\u0085'],
    ['mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }', { input: { documents: ['a', 'b\u007f'] } }, '$input.documents[1]', '\u007f'],
  ])('%s is found', (query, variables, path, character) => {
    expect(controlCharacterIn(parse(query), variables)).toEqual({ path, character });
  });

  it('lets tabs and line breaks through, and plain Vietnamese text', () => {
    expect(controlCharacterIn(parse('{ procedures(field: "Đất\\tđai\\r\\n") { code } }'), { note: 'Dòng một\nDòng hai\tcột', list: ['Hoàng Thị Lụa'] })).toBeNull();
  });
});
