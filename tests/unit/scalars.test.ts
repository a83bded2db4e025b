import { parseDateTime, parseLocalDate } from '../../subgraphs/common/scalars';

/** The instants and dates the hub accepts: real UTC offsets, local years 1900–2099. */
describe('the DateTime scalar', () => {
  it.each([
    ['2026-03-02T09:00:00+07:00', '2026-03-02T02:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00.123456789-12:00', '2026-03-02T21:00:00.123Z'],
    ['2026-03-02T09:00:00+14:00', '2026-03-01T19:00:00.000Z'],
    ['2026-03-02T09:00+05:45', '2026-03-02T03:15:00.000Z'],
    ['1900-01-01T00:00:00+07:00', '1899-12-31T17:00:00.000Z'],
    ['2099-12-31T23:59:59+07:00', '2099-12-31T16:59:59.000Z'],
  ])('accepts %s', (value, instant) => {
    expect(parseDateTime(value).toISOString()).toBe(instant);
  });

  it.each([
    ['2026-03-02T09:00:00+24:00', 'offset'],
    ['2026-03-02T09:00:00+99:99', 'offset'],
    ['2026-03-02T09:00:00-12:30', 'offset'],
    ['2026-03-02T09:00:00+14:01', 'offset'],
    ['2026-03-02T09:00:00+07:20', 'offset'],
    ['1899-12-31T23:59:59+07:00', 'range'],
    ['2100-01-01T00:00:00+07:00', 'range'],
    ['2099-12-31T17:00:00Z', 'range'],
    ['0100-01-01T00:00:00Z', 'range'],
    ['2200-01-01T00:00:00Z', 'range'],
    ['2026-02-29T09:00:00+07:00', 'format'],
    ['2026-03-02T24:00:00+07:00', 'format'],
    ['2026-03-02 09:00:00+07:00', 'format'],
    ['2026-03-02T09:00:00', 'format'],
  ])('refuses %s with BAD_USER_INPUT (%s)', (value, problem) => {
    expect(() => parseDateTime(value)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problem }) }));
  });
});

describe('the Date scalar', () => {
  it.each(['1900-01-01', '2026-02-28', '2028-02-29', '2099-12-31'])('accepts %s', (value) => {
    expect(parseLocalDate(value)).toBe(value);
  });

  it.each([
    ['1899-12-31', 'range'],
    ['2100-01-01', 'range'],
    ['0100-01-01', 'range'],
    ['2026-02-29', 'format'],
    ['2026-3-2', 'format'],
  ])('refuses %s with BAD_USER_INPUT (%s)', (value, problem) => {
    expect(() => parseLocalDate(value)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problem }) }));
  });
});
