import { STOP_WORDS } from '../text/stop-words.ts';

// English phonotactics, not a dictionary: the consonant clusters an English word may start or end
// with. A word outside them (`tmux`, `wget`, `zstd`, `bzip`, `lzma`, `awk`, `libxml`) is almost
// certainly a coined name; passing them says only "could be English" (`curl`, `nettle`, `grep`).
const ONSETS = new Set([
  '',
  ...`b bl br c ch chr cl cr d dr dw f fl fr g gh gl gn gr h j k kh kl kn kr l m n p ph phl phr pl pr ps
  qu r rh s sc sch scr sh shr sk sl sm sn sp sph spl spr squ st str sw t th thr tr tw v w wh wr x y z`.split(/\s+/),
]);

const CODAS_BASE = `b bb c ch ck ct d dd dth f ff ft g gg gh ght gn h k l lb lch ld lf lk ll lm ln lp ls
  lt lth m mb mn mp mpt n nc nch nct nd ng ngth nk nn nt nth nx p ph pt r rb rc rch rd rf rg rk rl rm rn rp rr
  rsh rst rt rth rv s sc sh sk sm sp ss st t tch th thm tt tz v w wd wk wl wn wth x xt z zz`.split(/\s+/);
// Plural and third-person -s attach to any coda (`stamps`, `lengths`).
const CODAS = new Set(['', ...CODAS_BASE, ...CODAS_BASE.map((c) => `${c}s`), 's']);

const VOWEL = /[aeiouy]/;

/** Consonant run at the start of a word: `qu` counts as one (`quick`), `y` before a vowel too (`yes`). */
const onsetOf = (word: string): string => /^(?:s?qu|y)?[^aeiouy]*/.exec(word)?.[0] ?? '';

const codaOf = (word: string): string => /[^aeiouy]*$/.exec(word)?.[0] ?? '';

/**
 * Whether a lower-case alphabetic word could be an ordinary English word, judged by shape only:
 * stop words, and words with a vowel whose leading and trailing consonant clusters are English ones
 * and with no run of more than five consonants inside. Coined names usually fail (`tmux`, `xz`,
 * `wget`, `nginx`); many real names pass (`curl`, `expat`), so a pass is weak evidence.
 */
export const looksEnglish = (word: string): boolean => {
  if (STOP_WORDS.has(word)) return true;
  if (!/^[a-z]+$/.test(word) || !VOWEL.test(word)) return false;
  if (/[^aeiouy]{6,}/.test(word) || /q(?!u)/.test(word)) return false;
  return ONSETS.has(onsetOf(word)) && CODAS.has(codaOf(word));
};
