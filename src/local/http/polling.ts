/** Tells the SDK's polling helpers (`createAndPoll`, …) to look again soon: local indexing takes milliseconds. */
export const POLL_HEADERS = { 'openai-poll-after-ms': '10' };
