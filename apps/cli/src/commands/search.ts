import type { DocentClient } from '../client/docent-client.ts';
import type { Terminal } from '../output/terminal.ts';
import { type AskOptions, pageLabel, scopeOf } from './ask.ts';

const SNIPPET = 240;

/**
 * `docent search "query"`: the ranked passages retrieval finds (the sources an answer would have),
 * without reading an answer out of them; not recorded in the user's history.
 */
export const search = async (
  client: DocentClient,
  terminal: Terminal,
  query: string,
  options: AskOptions,
): Promise<number> => {
  const sources = await client.search({ query, ...(await scopeOf(client, options)) });
  if (terminal.json) {
    terminal.printJson({ query, results: sources });
    return 0;
  }
  if (sources.length === 0) terminal.out('No passages found.');
  for (const source of sources) {
    const text = source.text.replace(/\s+/g, ' ').trim();
    const snippet = text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
    terminal.out(
      `${source.rank}. ${terminal.style('bold', source.documentName)}${pageLabel(source.page)}  (score ${source.score.toFixed(3)})`,
    );
    terminal.out(`   ${snippet}`);
  }
  return 0;
};
