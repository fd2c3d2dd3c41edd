import { describe, expect, it } from 'vitest';
import { RecentSuggestions } from '../src/recentSuggestions.ts';

describe('recent suggestions (dedupe by word-set similarity)', () => {
  it('takes a rephrasing of a question answered in the past minute as a repeat', () => {
    const recent = new RecentSuggestions();
    recent.add('r1', 'What would fifty seats cost per month?', 0);
    expect(recent.isRepeat('so what would 50 seats cost per month', 0.6, 10_000)).toBe(true);
    expect(recent.isRepeat('what would fifty seats cost per year with support', 0.6, 10_000)).toBe(false);
    expect(recent.isRepeat('what would fifty seats cost a month', 0.6, 10_000)).toBe(true);
    expect(recent.isRepeat('what would fifty seats cost per month', 0.6, 61_000)).toBe(false);
    expect(recent.isRepeat('When could we start the rollout?', 0.6, 10_000)).toBe(false);
  });

  it('answers again when the earlier reply failed or was superseded, and never matches content-free lines', () => {
    const recent = new RecentSuggestions();
    recent.add('r1', 'Do you integrate with Salesforce?', 0);
    recent.forget('r1');
    expect(recent.isRepeat('do you integrate with salesforce', 0.6, 1)).toBe(false);
    recent.add('r2', 'what about it', 0);
    expect(recent.isRepeat('what about it', 0.6, 1)).toBe(false);
  });

  it('keeps only the last five', () => {
    const recent = new RecentSuggestions();
    const topics = ['pricing tiers', 'data residency', 'single sign', 'mobile app', 'api limits', 'onboarding timeline'];
    topics.forEach((t, i) => recent.add(`r${i}`, t, 0));
    expect(recent.isRepeat('pricing tiers', 0.6, 1)).toBe(false);
    expect(recent.isRepeat('onboarding timeline', 0.6, 1)).toBe(true);
  });
});
