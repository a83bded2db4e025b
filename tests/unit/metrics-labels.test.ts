import { OperationLabels } from '../../subgraphs/common/metrics';

describe('operation names as metric labels', () => {
  it('keep names that look like names, up to a bound; the rest are counted together', () => {
    const labels = new OperationLabels(2);
    expect(labels.of(undefined)).toBe('(anonymous)');
    expect(labels.of('')).toBe('(anonymous)');
    expect(labels.of('TrackDossier')).toBe('TrackDossier');
    expect(labels.of('query { x }')).toBe('(invalid)');
    expect(labels.of('a'.repeat(81))).toBe('(invalid)');
    expect(labels.of('Inbox')).toBe('Inbox');
    expect(labels.of('Invented1')).toBe('(other)');
    expect(labels.of('TrackDossier')).toBe('TrackDossier');
  });
});
