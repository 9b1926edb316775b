import { expect, it } from 'vitest';
import { contentWarning, GRAPHIC_THRESHOLD } from './wellbeing';

it('warns from the graphic threshold up, and never on a missing or non-finite score', () => {
  expect(contentWarning({ graphic: GRAPHIC_THRESHOLD })).toEqual({ graphic: GRAPHIC_THRESHOLD });
  expect(contentWarning({ graphic: 0.69, toxicity: 0.99 })).toBeNull();
  expect(contentWarning({ graphic: Number.NaN })).toBeNull();
  expect(contentWarning(undefined)).toBeNull();
  expect(contentWarning({ graphic: 0.86 })).not.toBeNull();
});
