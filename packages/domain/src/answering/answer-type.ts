/**
 * What kind of thing a question asks for, read from its form alone (the question word and the
 * noun it asks about), so that a reader can prefer the sentence that holds such a thing over the
 * one that merely restates the question.
 */
export type AnswerType =
  | 'quantity'
  | 'duration'
  | 'time'
  | 'version'
  | 'person'
  | 'identifier'
  | 'default'
  | 'value'
  | 'reason'
  | 'permission'
  | 'other';

// "How long / how often ...": an amount of time, or a length, with its unit.
const DURATION = /\bhow\s+(?:long|often|soon)\b/iu;
const QUANTITY =
  /\bhow\s+(?:much|many|large|big|small|short|far|fast|high|low|deep|wide|old)\b|\b(?:what|which)\s+(?:is\s+)?(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:size|amount|number|count|percentage|ratio|limit|maximum|minimum|length|range|rate|speed|level)\b|\bup\s+to\s+what\b|\bmax(?:imum)?\s+(?:number|size)\b/iu;
// "When did ..." asks for a time; "When a download fails, ..." only sets the scene.
const TIME =
  /(?:^|[.?!]\s+)when\s+(?:did|does|do|was|were|is|are|will|can|could|should|has|have|had)\b|\b(?:what|which)\s+(?:year|date|day|month)\b|\bsince\s+(?:when|what)\b|\bhow\s+soon\b/iu;
const VERSION = /\b(?:what|which)\s+(?:\w+\s+)?(?:version|release)s?\b|\bsince\s+which\b/iu;
// "Who created ..." asks for a person; "users who interact" does not.
const PERSON =
  /(?:^|[.?!,]\s+)(?:by\s+)?who(?:m|se)?\b|\b(?:what|which)\s+(?:person|people|organi[sz]ation|company|author|group|body)\b/iu;
const IDENTIFIER =
  /\b(?:what|which)\s+(?:[\w-]+\s+){0,2}(?:option|options|flag|flags|switch|command|commands|function|functions|variable|variables|key|keys|setting|settings|parameter|parameters|field|fields|method|methods|directive|macro|pragma|signal|keyword|argument|property|properties|header|header\s+file|constant|enum|type|call|program|tool|utility|file|files|format|mode|value|character|sequence|code|prefix|suffix|extension|name|names)\b|\bname\s+of\s+the\b|\bwhat\s+(?:is|are)\s+(?:it|they)\s+called\b/iu;
// "What is the default ...?" asks what a default is: the answer states it ("the default X is Y").
const DEFAULT = /\bdefaults?\b|\bby\s+default\b/iu;
// "... set to?", "what value ...": a number, an identifier or a literal.
const VALUE = /\bset\s+to\b|\bvalue\b/iu;
// "May I ...?", "Am I allowed to ...?", "Is it safe to ...?": the answer says what one may or must do.
const PERMISSION =
  /(?:^|[.!,]\s+)(?:(?:may|can|must|should|shall)\s+(?:i|we|you)\b|(?:am\s+i|are\s+we|is\s+it)\s+(?:allowed|permitted|required|obliged|safe|legal)\b)|\b(?:am\s+i|are\s+we)\s+(?:allowed|permitted|required|obliged)\b/iu;
const REASON = /\bwhy\b|\bwhat\s+(?:is|are)\s+the\s+(?:reason|purpose|point)\b|\bfor\s+what\s+purpose\b/iu;

/**
 * Types whose answer is a thing of a recognisable form (a number, a date, a name): a
 * passage without one cannot answer, however well it matches the question's words.
 */
export const isStrictType = (type: AnswerType): boolean =>
  type === 'quantity' || type === 'duration' || type === 'time' || type === 'person';

// "..., in bytes?", "in seconds": the question names the unit its answer is given in.
const UNIT_ASKED =
  /\b(?:in|as\s+a\s+number\s+of)\s+((?:milli|micro|nano)?seconds|minutes|hours|days|weeks|months|years|(?:kilo|mega|giga|tera|kibi|mebi|gibi)?bytes|[kmgt]i?b|octets|bits|characters|lines|words|pages|percent)\b/iu;

/**
 * The unit a question asks its answer in ("What is the largest file, in bytes?" -> `bytes`), or
 * undefined. Evidence that never mentions the unit does not give the amount asked for.
 */
export const unitAsked = (question: string): string | undefined => UNIT_ASKED.exec(question)?.[1]?.toLowerCase();

/**
 * A pattern that finds the unit as a unit: its plural (`seconds`), or its singular after a
 * number (`1 second`, `512-byte`), so that "the second form" is not a time. Built once per
 * question, then tested against every sentence.
 */
export const unitMention = (unit: string): RegExp => {
  const singular = unit.replace(/s$/u, '');
  return new RegExp(`\\b${unit}\\b|\\d[\\s-]*${singular}\\b`, 'iu');
};

/** The answer type of a question; `other` when its form does not say. The most specific form wins. */
export const answerTypeOf = (question: string): AnswerType => {
  if (REASON.test(question)) return 'reason';
  if (VERSION.test(question)) return 'version';
  if (TIME.test(question)) return 'time';
  if (DURATION.test(question)) return 'duration';
  if (QUANTITY.test(question)) return 'quantity';
  if (PERSON.test(question)) return 'person';
  if (PERMISSION.test(question)) return 'permission';
  if (DEFAULT.test(question)) return 'default';
  if (IDENTIFIER.test(question)) return 'identifier';
  if (VALUE.test(question)) return 'value';
  return 'other';
};

const NUMBER_WORD =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|once|twice|double|unlimited|infinite)\b/iu;
// A number standing alone or with its unit (`30`, `-2000`, `900k`, `16 MiB`), not a digit inside a name (`libbzip2`).
const DIGIT = /(?:^|[^\p{L}\p{N}_.])-?\d/u;
// `1.3`, `v2.0.1`: a version names a thing; it is not an amount.
// `gzip(1)`, `cron(8)`: a manual page's section names the page; it is not an amount.
const MAN_REFERENCE = /[\p{L}\d_-]\(\d[a-z]*\)/gu;
const VERSION_NUMBER = /\bv?\d+(?:\.\d+){1,3}\b/gu;
const YEAR_OR_DATE =
  /\b(?:1[89]\d\d|20\d\d)\b|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/iu;
const VERSION_TEXT = /\b(?:v(?:ersion)?\s*)?\d+(?:\.\d+)+\b|\bversion\s+\d+\b|\brelease\b/iu;
// Mid-sentence capitalised words: names of people, organisations, projects.
const PROPER_NAME = /[^.!?\s]\s+\p{Lu}[\p{Ll}]+(?:\s+\p{Lu}[\p{Ll}]+)*/u;
const CODE_TOKEN =
  /(?:^|\s|\()(?:--?[A-Za-z][\w-]*|\w+(?:[_.:]\w+)+|\w+\(\)|[A-Z][A-Z0-9_]{2,}|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|'[^'\s]{1,20}'|"[^"\s]{1,20}"|`[^`]+`|<[\w-]+>)/u;
// A symbol standing alone as a value: `~`, `%`, `*`.
const LITERAL = /(?:^|\s)[~%*#@^|\\/]+(?=\s|$|[.,;])/u;
// "The default suffix is ~", "defaults to 50", "by default, updates occur every 15 seconds".
const STATES_DEFAULT =
  /\bdefaults?\b[^.;]{0,60}?(?:\s(?:is|are|was|of|to|becomes)\s|\s?[=:]\s?)|\bby\s+default\b[^.;]{0,80}?\d|\(default:?\s/iu;
const MEASURE = new RegExp(
  `(?:\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|sixty|a|an)\\b)[^\\s.;,]*\\s*\\(?\\d*\\)?\\s*(?:${[
    'ms',
    'milliseconds?',
    'seconds?',
    'secs?',
    'minutes?',
    'mins?',
    'hours?',
    'days?',
    'weeks?',
    'months?',
    'years?',
    'characters?',
    'chars?',
    'words?',
    'lines?',
    'bytes?',
    'octets?',
    'bits?',
    'times',
  ].join('|')})\\b`,
  'iu',
);
const MODAL =
  /\b(?:you|licensee|recipient|user)s?\s+(?:may|must|shall|can(?:not)?|are\s+(?:not\s+)?(?:allowed|permitted|required))\b|\b(?:do\s+not|never)\s+\w+/iu;
const REASON_TEXT =
  /\b(?:because|since|so\s+that|in\s+order\s+to|to\s+avoid|to\s+prevent|otherwise|due\s+to|reason|as\s+a\s+result|which\s+means)\b/iu;

// `"You" is you, if ...`, `1.1. ''Contributor'' means ...`: a definitions list says what a word means.
const DEFINITION =
  /^(?:[\d.]+\s+)?(?:an?\s+|the\s+)?\W{0,3}["“'‘][^"”'’]{1,40}["”'’]\s+(?:is|are|means?|refers?\s+to|shall\s+mean|includes?)\b/iu;

/**
 * Whether `text` holds something of the answer type: a number for quantities, a year, unit of time
 * or temporal word for times, a version number, a mid-sentence name, a code token (option, call,
 * constant, quoted literal), for a value any of a number, a code token or a bare symbol, for a
 * default a statement of it ("the default X is ...", "defaults to ..."), a causal connective. `other` is always satisfied;
 * a definition (`"You" is you, ...`) holds no other type.
 */
export const holdsAnswerType = (type: AnswerType, text: string): boolean => {
  // A definition answers "what is X", which is `other`; for any other type it only restates the terms.
  if (type !== 'other' && DEFINITION.test(text)) return false;
  switch (type) {
    case 'duration':
      return MEASURE.test(text);
    case 'quantity':
      return DIGIT.test(text.replace(VERSION_NUMBER, '').replace(MAN_REFERENCE, '')) || NUMBER_WORD.test(text);
    case 'time':
      return YEAR_OR_DATE.test(text);
    case 'version':
      return VERSION_TEXT.test(text);
    case 'person':
      return PROPER_NAME.test(text);
    case 'identifier':
      return CODE_TOKEN.test(text);
    case 'default':
      return STATES_DEFAULT.test(text);
    case 'value':
      return DIGIT.test(text) || CODE_TOKEN.test(text) || LITERAL.test(text);
    case 'reason':
      return REASON_TEXT.test(text);
    case 'permission':
      return MODAL.test(text);
    case 'other':
      return true;
  }
};
