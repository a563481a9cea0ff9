// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { citation, source } from '../../test-support/fixtures.ts';
import type { Citation, Source } from '../api/types.ts';
import { PassageList } from './passage-list.tsx';

const POLICY_TEXT = 'Remote work needs a manager’s approval. Equipment is provided.';

const SOURCES = [
  source(),
  source({
    rank: 2,
    chunkId: 'chunk-2',
    documentId: 'doc-2',
    documentName: 'policy.txt',
    page: undefined,
    charStart: 500,
    charEnd: 500 + POLICY_TEXT.length,
    text: POLICY_TEXT,
  }),
];

const show = (props: { sources?: Source[]; citations?: Citation[]; abstained?: boolean } = {}) => {
  const onOpen = vi.fn();
  render(
    <PassageList
      sources={props.sources ?? SOURCES}
      citations={props.citations ?? [citation()]}
      abstained={props.abstained ?? false}
      onOpen={onOpen}
    />,
  );
  return { onOpen, user: userEvent.setup() };
};

const items = () => within(screen.getByRole('list', { name: 'Passages' })).getAllByRole('listitem');

afterEach(cleanup);

describe('PassageList', () => {
  it('lists the passages under “Where this comes from”, with document and page', () => {
    show();
    const section = screen.getByRole('region', { name: 'Where this comes from' });
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Where this comes from');
    expect(within(section).getByText(/The 2 best-matching passages for your question/)).toBeTruthy();
    expect(items().map((item) => item.querySelector('.passage-head')?.textContent)).toEqual([
      'handbook.pdf, page 1',
      'policy.txt',
    ]);
  });

  it('marks exactly the quoted text where a citation lies in the passage, and nothing in a passage without one', () => {
    show();
    const [cited, uncited] = items();
    const marks = cited?.querySelectorAll('mark') ?? [];
    expect([...marks].map((mark) => mark.textContent)).toEqual([citation().quote]);
    expect(cited?.textContent).toContain('Welcome to the team. Leave is 25 days a year. Requests go to HR.');
    expect(uncited?.querySelectorAll('mark')).toHaveLength(0);
    expect(uncited?.textContent).toContain(POLICY_TEXT);
  });

  it('marks nothing for a citation of another document at the same offsets', () => {
    show({ citations: [citation({ documentId: 'doc-2', documentName: 'policy.txt' })] });
    expect(document.querySelectorAll('mark')).toHaveLength(0);
  });

  it('opens a passage at its cited span, and one without a citation at the whole passage', async () => {
    const { onOpen, user } = show();
    await user.click(within(items()[0] as HTMLElement).getByRole('button'));
    expect(onOpen).toHaveBeenLastCalledWith(citation());
    await user.click(within(items()[1] as HTMLElement).getByRole('button'));
    expect(onOpen).toHaveBeenLastCalledWith({
      documentId: 'doc-2',
      documentName: 'policy.txt',
      charStart: 500,
      charEnd: 500 + POLICY_TEXT.length,
      quote: POLICY_TEXT,
    });
  });

  it('lists the closest passages of an abstention under a heading that says they do not answer', () => {
    show({ citations: [], abstained: true });
    const section = screen.getByRole('region', { name: 'Closest passages (they do not answer the question)' });
    expect(within(section).queryByText(/Where this comes from/)).toBeNull();
    expect(items()).toHaveLength(2);
    expect(items()[1]?.textContent).toContain(POLICY_TEXT);
    expect(section.querySelectorAll('mark')).toHaveLength(0);
  });

  it('shows the top five passages only, best first', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      source({ rank: i + 1, chunkId: `chunk-${i}`, text: `Passage ${i + 1}.` }),
    );
    show({ sources: many, citations: [] });
    expect(items().map((item) => item.querySelector('.passage-text')?.textContent)).toEqual([
      'Passage 1.',
      'Passage 2.',
      'Passage 3.',
      'Passage 4.',
      'Passage 5.',
    ]);
  });

  it('renders nothing without sources', () => {
    const { container } = render(<PassageList sources={[]} citations={[]} abstained onOpen={() => {}} />);
    expect(container.innerHTML).toBe('');
  });

  it('renders markup in a passage as text', () => {
    const hostile = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">';
    show({ sources: [source({ text: hostile, charEnd: hostile.length })], citations: [] });
    expect(items()[0]?.textContent).toContain(hostile);
    expect(document.querySelector('script, img')).toBeNull();
  });
});
