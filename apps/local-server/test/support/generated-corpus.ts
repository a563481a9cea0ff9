import type { CorpusFile } from './crash-run.ts';
import type { SeededRandom } from './seeded-random.ts';

const WORDS = (
  'archive compress level stream block header window dictionary checksum frame buffer option ' +
  'licence copy distribute source binary notice warranty author package fee terms grant right'
).split(' ');

const paragraph = (random: SeededRandom): string =>
  Array.from({ length: random.int(2, 6) }, () => {
    const words = Array.from({ length: random.int(6, 18) }, () => random.pick(WORDS));
    return `${words.join(' ')}.`;
  }).join(' ');

/** `count` distinct text and Markdown files of about `minBytes` to `maxBytes` each, from the seed. */
export const generatedCorpus = (
  random: SeededRandom,
  count: number,
  minBytes: number,
  maxBytes: number,
): CorpusFile[] =>
  Array.from({ length: count }, (_, i) => {
    const markdown = i % 3 === 2;
    const target = random.int(minBytes, maxBytes);
    let text = markdown ? `# Generated ${i}\n\n` : `Generated document ${i}.\n\n`;
    for (let section = 1; text.length < target; section++) {
      if (markdown && section % 4 === 0) text += `## Section ${section}\n\n`;
      text += `${paragraph(random)}\n\n`;
    }
    return { name: `generated-${i}.${markdown ? 'md' : 'txt'}`, bytes: new TextEncoder().encode(text) };
  });
