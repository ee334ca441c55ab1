import { describe, expect, it } from 'vitest';
import { measureSyncHeavyUser } from '../../scripts/bench-sync';

// The bench's heavy user (scripts/bench-sync.ts): a year of daily reading and 500 saved papers
// with notes must fit the browser's sync quota with the margin Paperboy keeps.
describe('the storage.sync bytes of a heavy user', () => {
  it('fit the budget, under the quota and the item limit, keeping every saved paper and recent reads', () => {
    const actual = measureSyncHeavyUser(Date.parse('2026-11-26T15:00:00Z'));

    expect(actual.fits).toBe(true);
    expect(actual.bytes).toBeLessThanOrEqual(actual.budgetBytes);
    expect(actual.budgetBytes).toBeLessThan(actual.quotaBytes);
    expect(actual.items).toBeLessThanOrEqual(actual.maxItems);
    expect(actual.saved).toBe(500);
    expect(actual.papersRead).toBeGreaterThan(365 * 12);
    console.info('[bench] storage.sync, heavy user:', JSON.stringify(actual));
  });
});
