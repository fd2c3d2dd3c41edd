import { createComputed, createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type Range, type VirtualizerOptions } from '@tanstack/solid-virtual';
import type { TranscriptSegment } from '@sotto/api';
import { speakerName } from '../../common/transcriptFormats.ts';

// A one-line row (see .transcript .line in styles.css) until it is measured; rows that wrap are measured as they render.
const estimatedRowHeight = 28;
// Follow new lines while the user is this close to the bottom.
const followSlack = 24;

// Rows above the view are dropped in blocks of this many: following a call scrolls by one row per line, and the rows
// in the page then change once every few lines rather than with each one.
const rowBlock = 8;

function keepRowsInBlocks(range: Range): number[] {
  const first = Math.max(0, range.startIndex - range.overscan);
  const start = first - (first % rowBlock);
  const end = Math.min(range.count - 1, range.endIndex + range.overscan);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

function lineClass(line: TranscriptSegment): string {
  return `line line-${line.channel}${line.final ? '' : ' partial'}${line.gap ? ' gap' : ''}`;
}

function TranscriptRow(props: { line: TranscriptSegment; index: number; count: number; ref: (row: HTMLLIElement) => void }) {
  return (
    <li
      ref={props.ref}
      class={lineClass(props.line)}
      data-index={props.index}
      data-item={props.line.itemId}
      data-start={props.line.start}
      data-end={props.line.end}
      aria-posinset={props.index + 1}
      aria-setsize={props.count}
    >
      <span class="speaker">{speakerName(props.line)}</span>
      <span class="text">{props.line.text}</span>
    </li>
  );
}

/**
 * The transcript as an ordered list of which only the rows in and near view exist, so a call of 10,000 lines costs
 * what a call of 30 does. It follows new lines while the user is at the bottom; scrolling up to read pauses it.
 */
export function TranscriptList(props: { lines: readonly TranscriptSegment[]; empty: string }) {
  let scroller!: HTMLDivElement;
  const [following, setFollowing] = createSignal(true);
  // TanStack's virtualizer does the measuring, the range and the scrolling. It is bound to Solid here rather than
  // with createVirtualizer, which copies the rows into a store on every change: on a long call that cost as much as
  // the rest of an appended line together. Here a change only bumps a signal, and the rows are keyed by index.
  const [changed, notify] = createSignal(undefined, { equals: false });
  // Sizes are kept by position (the virtualizer's default key): keying them by line would cost a lookup per line on
  // each change of a 10,000-line list. Lines are one row high but for the few that wrap, and a late line that moves
  // the others down leaves their sizes off only until their rows are shown and measured again.
  const options = (count: number): VirtualizerOptions<HTMLDivElement, HTMLLIElement> => ({
    count,
    getScrollElement: () => scroller,
    estimateSize: () => estimatedRowHeight,
    overscan: 4,
    rangeExtractor: keepRowsInBlocks,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    onChange: () => notify(),
  });
  const virtualizer = new Virtualizer(options(0));
  createComputed(() => {
    virtualizer.setOptions(options(props.lines.length));
    notify();
  });
  onMount(() => onCleanup(virtualizer._didMount()));
  // After each change is in the page, as the virtualizer expects: it attaches to the scroll element the first time.
  createEffect(() => (changed(), virtualizer._willUpdate()));

  const rows = createMemo(() => (changed(), virtualizer.getVirtualItems()));
  const indexes = createMemo(() => rows().map((row) => row.index), [], { equals: (a, b) => a.length === b.length && a.every((index, i) => index === b[i]) });
  const before = () => rows()[0]?.start ?? 0;
  const after = () => {
    const last = rows()[rows().length - 1];
    return last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0;
  };

  // A new row is not in the page yet: the virtualizer only starts observing it, and its ResizeObserver measures it
  // after layout, before it is painted. It finds the row's line by its index, which Solid sets only after the ref.
  const observe = (element: HTMLLIElement, index: number) => {
    element.dataset.index = String(index);
    virtualizer.measureElement(element);
  };

  // Rows that left the view are still observed by the virtualizer until told; one sweep per task covers them all.
  let sweep = false;
  const forgetDetached = () => {
    if (sweep) return;
    sweep = true;
    queueMicrotask(() => {
      sweep = false;
      virtualizer.measureElement(null);
    });
  };

  // Scrolling up pauses following and reaching the bottom resumes it. Lines can arrive between a scroll and its event,
  // so a scroll that ends short of a bottom that moved on does not pause it.
  let lastTop = 0;
  const onScroll = () => {
    const top = scroller.scrollTop;
    if (top + scroller.clientHeight >= scroller.scrollHeight - followSlack) setFollowing(true);
    else if (top < lastTop) setFollowing(false);
    lastTop = top;
  };
  // Following scrolls once per frame, before it is painted, however many lines arrived in it. The rows at the bottom
  // are in the page with their real heights, so the bottom is exact without the virtualizer's estimate.
  let followFrame = 0;
  const follow = () => {
    followFrame ||= requestAnimationFrame(() => {
      followFrame = 0;
      if (following()) scroller.scrollTop = scroller.scrollHeight;
    });
  };
  onCleanup(() => cancelAnimationFrame(followFrame));
  createEffect(on(() => props.lines, () => following() && follow()));
  // From far above, the rows at the bottom are not in the page: the virtualizer scrolls to its estimate of the end
  // and corrects as they are measured.
  const jump = () => {
    setFollowing(true);
    virtualizer.scrollToEnd();
  };

  return (
    <>
      <div class="transcript-scroll" ref={scroller} onScroll={onScroll}>
        <ol class="transcript" data-testid="transcript" role="list" style={{ 'padding-top': `${before()}px`, 'padding-bottom': `${after()}px` }}>
          <For each={indexes()} fallback={<li class="muted">{props.empty}</li>}>
            {(index) => {
              const line = createMemo(() => props.lines[index] as TranscriptSegment | undefined);
              onCleanup(forgetDetached);
              return (
                <Show when={line()}>
                  {(shown) => <TranscriptRow line={shown()} index={index} count={props.lines.length} ref={(el) => observe(el, index)} />}
                </Show>
              );
            }}
          </For>
        </ol>
      </div>
      <Show when={!following()}>
        <button class="jump" onClick={jump}>
          Jump to latest
        </button>
      </Show>
    </>
  );
}
