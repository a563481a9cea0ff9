import { type LigatureGlyph, OT1_LIGATURES, type ShownText, visibleForm } from './pdf-ligature-glyphs.ts';

/*
 * Puts the ligatures read from the operator list back into pdf.js's text items. Both list the same
 * visible characters in content-stream order, so a ligature that sat after the n-th visible glyph
 * belongs between the corresponding characters of the items: wherever pdf.js put whitespace or a
 * raw control code there. The correspondence is checked on the characters around each ligature and
 * searched for nearby when the two sides drift apart (text pdf.js skipped or normalised differently);
 * a ligature whose surroundings are not found is left out rather than put in the wrong place.
 */

const CONTEXT = 8;
const SEARCH_WINDOW = 256;

/** Visible characters of the items, each mapped back to its item and its UTF-16 range there. */
interface ItemChars {
  chars: string;
  item: number[];
  start: number[];
  end: number[];
}

const itemChars = (items: readonly { str: string }[]): ItemChars => {
  const mapped: ItemChars = { chars: '', item: [], start: [], end: [] };
  for (const [index, { str }] of items.entries()) {
    let offset = 0;
    for (const char of str) {
      const next = offset + char.length;
      if (!(char in OT1_LIGATURES)) {
        for (const unit of visibleForm(char)) {
          mapped.chars += unit;
          mapped.item.push(index);
          mapped.start.push(offset);
          mapped.end.push(next);
        }
      }
      offset = next;
    }
  }
  return mapped;
};

/** A ligature placed between two characters of the items: `at` visible characters precede it. */
interface Placement {
  at: number;
  ligatures: LigatureGlyph[];
}

/** Finds each ligature's place in the items, keeping content order; unmatched ligatures are dropped. */
const place = (shown: ShownText, target: string): Placement[] => {
  const placements: Placement[] = [];
  let drift = 0;
  let cursor = 0;
  for (const ligature of shown.ligatures) {
    const before = shown.chars.slice(Math.max(0, ligature.at - CONTEXT), ligature.at);
    const after = shown.chars.slice(ligature.at, ligature.at + CONTEXT);
    const fits = (at: number): boolean =>
      at >= cursor &&
      at >= before.length &&
      target.startsWith(before, at - before.length) &&
      target.startsWith(after, at);
    let at = ligature.at + drift;
    if (!fits(at)) {
      // Only a window around the expected place is searched, so a page's work stays linear in its size.
      const from = Math.max(0, Math.max(cursor, at - SEARCH_WINDOW) - before.length);
      const found = target.slice(from, at + SEARCH_WINDOW + after.length).indexOf(before + after);
      if (found < 0 || !fits(from + found + before.length)) continue;
      at = from + found + before.length;
    }
    drift = at - ligature.at;
    cursor = at;
    const last = placements.at(-1);
    if (last?.at === at) last.ligatures.push(ligature);
    else placements.push({ at, ligatures: [ligature] });
  }
  return placements;
};

/** One stretch of one item's text between the characters around a ligature (whitespace only). */
interface Segment {
  item: number;
  from: number;
  to: number;
}

/** The stretches between the visible characters at `at - 1` and `at`, from the first item to the last. */
const gapSegments = (items: readonly { str: string }[], mapped: ItemChars, at: number): Segment[] => {
  const left = at > 0 ? { item: mapped.item[at - 1] ?? 0, offset: mapped.end[at - 1] ?? 0 } : { item: 0, offset: 0 };
  const lastItem = items.length - 1;
  const right =
    at < mapped.chars.length
      ? { item: mapped.item[at] ?? lastItem, offset: mapped.start[at] ?? 0 }
      : { item: lastItem, offset: items[lastItem]?.str.length ?? 0 };
  const segments: Segment[] = [];
  for (let item = left.item; item <= right.item; item++) {
    const from = item === left.item ? left.offset : 0;
    const to = item === right.item ? right.offset : (items[item]?.str.length ?? 0);
    segments.push({ item, from, to });
  }
  return segments;
};

/**
 * Which segment receives the ligature and the text it gets. Spaces are only written where pdf.js
 * left whitespace: an empty gap is an item or line boundary that layout spaces by itself.
 * A whole whitespace item is preferred, because its box covers the glyph and layout then sees no
 * gap; otherwise the ligature joins the side it is glued to.
 */
const replacement = (
  items: readonly { str: string }[],
  segments: readonly Segment[],
  ligatures: readonly LigatureGlyph[],
): { slot: Segment; text: string } => {
  const hasGap = segments.some((segment) => segment.to > segment.from);
  const before = ligatures[0]?.spaceBefore;
  const after = ligatures.at(-1)?.spaceAfter;
  // At the edge of a text run the content stream does not say; the gap pdf.js saw then holds the
  // one space there is, on the unknown side (before it when both are unknown: runs start words).
  const spaceBefore = hasGap && (before ?? after !== true);
  const spaceAfter = hasGap && (after ?? !spaceBefore);
  const text = `${spaceBefore ? ' ' : ''}${ligatures.map((ligature) => ligature.text).join('')}${spaceAfter ? ' ' : ''}`;
  const whole = segments.find(
    (segment) => segment.from === 0 && segment.to > 0 && segment.to === items[segment.item]?.str.length,
  );
  // A ligature starting a text run (a line, a font change) belongs to what follows it.
  const edge = spaceBefore || before === undefined ? segments.at(-1) : segments[0];
  return { slot: whole ?? edge ?? { item: 0, from: 0, to: 0 }, text };
};

/**
 * Returns the items with every placeable ligature written back: the whitespace or control code pdf.js
 * left in its place is replaced. Items that change are copied; the others are returned as they are.
 */
export const restoreLigatures = <T extends { str: string }>(items: readonly T[], shown: ShownText): T[] => {
  const result = [...items];
  if (items.length === 0 || shown.ligatures.length === 0) return result;
  const mapped = itemChars(items);
  const strings = items.map((item) => item.str);
  // From the last placement back, so the offsets of earlier ones stay valid.
  for (const { at, ligatures } of place(shown, mapped.chars).reverse()) {
    const segments = gapSegments(items, mapped, at);
    const { slot, text } = replacement(items, segments, ligatures);
    for (const segment of [...segments].reverse()) {
      const str = strings[segment.item] ?? '';
      const inserted = segment === slot ? text : '';
      strings[segment.item] = str.slice(0, segment.from) + inserted + str.slice(segment.to);
    }
  }
  for (const [index, item] of items.entries()) {
    const str = strings[index] ?? item.str;
    if (str !== item.str) result[index] = { ...item, str };
  }
  return result;
};
