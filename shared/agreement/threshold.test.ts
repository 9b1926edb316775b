import { expect, it } from 'vitest';
import { thresholdReason, thresholdStatus } from './threshold';

it('reads the interval, not the point: meets from the lower bound, below from the upper bound, uncertain between', () => {
  // The review's case: alpha 0.793 with CI [0.571, 0.912] against 0.667 is not "meets threshold".
  expect(thresholdStatus(0.793, [0.571, 0.912], 0.667)).toBe('uncertain');
  expect(thresholdStatus(0.793, [0.667, 0.912], 0.667)).toBe('meets');
  expect(thresholdStatus(0.5, [0.4, 0.6669], 0.667)).toBe('below');
  expect(thresholdStatus(0.5, [0.4, 0.667], 0.667)).toBe('uncertain');
  // Without an interval nothing can be claimed either way; undefined alpha is not measurable.
  expect(thresholdStatus(0.95, null, 0.667)).toBe('uncertain');
  expect(thresholdStatus(null, [0.1, 0.2], 0.667)).toBe('not-measurable');
  expect(thresholdReason('uncertain', [0.571, 0.912], 0.667)).toBe('95% CI [0.571, 0.912] contains 0.667');
});
