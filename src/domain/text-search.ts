// Full-text search for the knowledge base (知识库) and word similarity for known errors, in English
// and Chinese. Chinese has no spaces between words and no word list ships with the bot, so a run
// of CJK characters is indexed as its overlapping character pairs (bigrams): "打印机卡纸" gives
// 打印 印机 机卡 卡纸, and any query of two or more characters that occurs in the text shares all its
// pairs with it. Ranking is BM25 over title and body, the title counting TITLE_WEIGHT times.

export interface SearchDocument {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

export interface SearchHit {
  readonly id: string;
  readonly score: number;
}

export interface SearchIndex {
  readonly documents: readonly IndexedDocument[];
  /** In how many documents each term occurs. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly averageLength: number;
}

export interface IndexedDocument {
  readonly id: string;
  /** Weighted: a title term counts TITLE_WEIGHT times, in the frequency and in the length. */
  readonly length: number;
  readonly termFrequency: ReadonlyMap<string, number>;
}

/** A title word says more about an article than a body word (BM25F with one length norm). */
export const TITLE_WEIGHT = 3;
/** The usual BM25 constants: term-frequency saturation and length normalisation. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
// A run is either CJK characters, or letters and digits of any other script. Everything else
// (spaces, ASCII and full-width punctuation, symbols) separates runs and is dropped.
const RUN_PATTERN = new RegExp(`(?<cjk>[${CJK_CLASS}]+)|(?<word>(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}])+)`, 'gu');
const LATIN_LETTERS = /^[a-z]+$/;

/**
 * Latin (and other spaced scripts') words lower-cased, digits kept; each CJK run as its
 * overlapping bigrams, or the character itself when the run is one character long. NFKC first,
 * so full-width letters, digits and punctuation (ＶＰＮ，１２) behave like their ASCII forms.
 */
export function tokenize(text: string): string[] {
  const normalised = text.normalize('NFKC').toLowerCase();
  return [...normalised.matchAll(RUN_PATTERN)].flatMap((match) => {
    const cjk = match.groups?.['cjk'];
    return cjk === undefined ? [match[0]] : bigrams(cjk);
  });
}

/**
 * The terms search and matching compare: tokens with English plurals folded ("printers" →
 * "printer", "policies" → "policy"), so either form finds the other.
 */
export function searchTerms(text: string): string[] {
  return tokenize(text).map(foldPlural);
}

export function buildIndex(documents: readonly SearchDocument[]): SearchIndex {
  const indexed = documents.map(indexDocument);
  const documentFrequency = new Map<string, number>();
  for (const document of indexed) {
    for (const term of document.termFrequency.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const totalLength = indexed.reduce((sum, document) => sum + document.length, 0);
  const averageLength = indexed.length === 0 ? 0 : totalLength / indexed.length;
  return { documents: indexed, documentFrequency, averageLength };
}

/** The best `limit` documents for the query, best first; ties in id order. Documents sharing no term are left out. */
export function search(index: SearchIndex, query: string, limit: number): SearchHit[] {
  const terms = [...new Set(searchTerms(query))];
  if (terms.length === 0 || limit <= 0) return [];
  return index.documents
    .map((document) => ({ id: document.id, score: scoreDocument(index, document, terms) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || compareCodePoints(a.id, b.id))
    .slice(0, limit);
}

function bigrams(run: string): string[] {
  const characters = [...run];
  if (characters.length === 1) return characters;
  return characters.slice(1).map((character, index) => `${characters[index]}${character}`);
}

function foldPlural(term: string): string {
  if (term.length < 4 || !LATIN_LETTERS.test(term)) return term;
  if (term.endsWith('ies') && !/[ae]ies$/.test(term)) return `${term.slice(0, -3)}y`;
  // "-ss", "-us" and "-is" are not plurals: access, status, analysis.
  if (term.endsWith('s') && !/[sui]s$/.test(term)) return term.slice(0, -1);
  return term;
}

function indexDocument(document: SearchDocument): IndexedDocument {
  const termFrequency = new Map<string, number>();
  const add = (terms: readonly string[], weight: number) => {
    for (const term of terms) termFrequency.set(term, (termFrequency.get(term) ?? 0) + weight);
  };
  const titleTerms = searchTerms(document.title);
  const bodyTerms = searchTerms(document.body);
  add(titleTerms, TITLE_WEIGHT);
  add(bodyTerms, 1);
  return { id: document.id, length: titleTerms.length * TITLE_WEIGHT + bodyTerms.length, termFrequency };
}

function scoreDocument(index: SearchIndex, document: IndexedDocument, terms: readonly string[]): number {
  const lengthNorm = 1 - BM25_B + (BM25_B * document.length) / index.averageLength;
  return terms.reduce((score, term) => {
    const frequency = document.termFrequency.get(term) ?? 0;
    if (frequency === 0) return score;
    const saturated = (frequency * (BM25_K1 + 1)) / (frequency + BM25_K1 * lengthNorm);
    return score + inverseDocumentFrequency(index, term) * saturated;
  }, 0);
}

/** The BM25 idf in Lucene's form, which stays positive for terms in more than half the documents. */
function inverseDocumentFrequency(index: SearchIndex, term: string): number {
  const frequency = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (index.documents.length - frequency + 0.5) / (frequency + 0.5));
}

/** Code-point order, not the locale's, so results never depend on the machine. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
