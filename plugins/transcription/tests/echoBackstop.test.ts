import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { EchoBackstop, findEcho } from '../src/echoBackstop.ts';

const line = (channel: 'you' | 'participant', text: string, start: number, end: number, itemId = `${channel}-${start}`): TranscriptSegment => ({ channel, itemId, previousItemId: null, text, final: true, start, end });
const theirs = (text: string, start: number, end: number) => line('participant', text, start, end);
const yours = (text: string, start: number, end: number) => line('you', text, start, end);

describe('echo backstop: what the participant said, heard again in your lane at the same moment', () => {
  it('retracts a line of yours that is only the echo', () => {
    const found = findEcho(yours('I think my customers want a discount.', 4.1, 6.3), theirs('I think my customers want a discount.', 4.07, 6.28));
    expect(found?.corrected.retracted).toBe(true);
    expect(found?.echoed).toBe('I think my customers want a discount.');
  });

  it('takes the echo out of a line where you spoke too (double talk), keeping your words', () => {
    const found = findEcho(yours('Let us meet again on Tuesday afternoon, please remind me to call a bank tomorrow morning.', 10.6, 14.4), theirs('Please remind me to call a bank tomorrow morning.', 11.8, 14.4));
    expect(found?.corrected).toMatchObject({ text: 'Let us meet again on Tuesday afternoon,', final: true });
    expect(found?.corrected.retracted).toBeUndefined();
  });

  it('catches an echo your session heard a little differently', () => {
    const found = findEcho(yours('please remind me to call the bank tomorrow', 11.9, 14.2), theirs('Please remind me to call a bank tomorrow morning.', 11.8, 14.4));
    expect(found?.corrected.retracted).toBe(true);
  });

  it('keeps your words that merely share a few of theirs: "yes, pricing tiers"', () => {
    expect(findEcho(yours('Yes, pricing tiers.', 2.5, 3.4), theirs('Could you walk me through the pricing tiers?', 1.0, 3.6))).toBeUndefined();
    expect(findEcho(yours('I think so, yes.', 4.5, 5.5), theirs('I think my customers want a discount.', 4.07, 6.28))).toBeUndefined();
  });

  it('keeps your repeating what they said once they finished: an echo comes at the same moment', () => {
    expect(findEcho(yours('Can you send over the signed contract?', 13.0, 15.4), theirs('Can you send over the signed contract?', 10.0, 12.4))).toBeUndefined();
  });

  it('keeps different words said at the same time', () => {
    expect(findEcho(yours('our budget for next quarter looks tight', 4.0, 6.3), theirs('I think my customers want a discount', 4.07, 6.28))).toBeUndefined();
  });

  it('corrects your line whichever side comes final first', () => {
    const mixed = 'let us meet again on tuesday afternoon please remind me to call a bank tomorrow morning';
    const first = new EchoBackstop();
    expect(first.screen(yours(mixed, 10.6, 14.4))).toEqual([]);
    const caught = first.screen(theirs('please remind me to call a bank tomorrow morning', 11.8, 14.4));
    expect(caught.map((c) => c.corrected.text)).toEqual(['let us meet again on tuesday afternoon']);

    const second = new EchoBackstop();
    second.screen(theirs('please remind me to call a bank tomorrow morning', 11.8, 14.4));
    expect(second.screen(yours(mixed, 10.6, 14.4)).map((c) => c.corrected.text)).toEqual(['let us meet again on tuesday afternoon']);
    // A line already corrected is not corrected again, nor are lines that are not final.
    expect(second.screen(theirs('which invoice did finance approve', 15.4, 17.3))).toEqual([]);
    expect(second.screen({ ...yours('which invoice did finance approve', 15.4, 17.3), final: false })).toEqual([]);
  });
});
