import { describe, expect, it } from 'vitest';
import { compileRatings } from '../matrix';
import { majorityVote } from './majority';

describe('majority vote', () => {
  const m = compileRatings([
    { item: 'a', rater: 'x', value: 'safe' },
    { item: 'a', rater: 'y', value: 'safe' },
    { item: 'a', rater: 'z', value: 'harmful' },
    { item: 'b', rater: 'x', value: 'safe' },
    { item: 'b', rater: 'y', value: 'harmful' },
    { item: 'c', rater: 'x', value: 'harmful' },
  ]);

  it('picks the label most raters gave, with its share as confidence', () => {
    expect(majorityVote(m)[0]).toEqual({ item: 'a', label: 'safe', tie: false, candidates: ['safe'], votes: 2, ratings: 3, confidence: 2 / 3 });
    expect(majorityVote(m)[2]).toMatchObject({ item: 'c', label: 'harmful', tie: false, confidence: 1 });
  });

  it('reports ties as ties, with the tied labels, never a silent pick', () => {
    expect(majorityVote(m)[1]).toEqual({ item: 'b', label: null, tie: true, candidates: ['harmful', 'safe'], votes: 1, ratings: 2, confidence: 0.5 });
  });
});
