// Known errors offered to the desk while it works a new incident (已知错误): a known error matches
// when it has the incident's category or service, or when the incident's words say what the known
// error's title (or one of its keywords) says. Matches come best first, with their reasons.
import { CATEGORY_PATH_SEPARATOR } from './category.js';
import { compareCodePoints, searchTerms } from './text-search.js';

export type MatchReason = 'category' | 'service' | 'words';

export interface IncidentText {
  readonly title: string;
  readonly description: string;
  readonly categoryPath: string | null;
  readonly affectedService: string | null;
}

export interface KnownError {
  readonly number: string;
  readonly title: string;
  readonly categoryPath: string | null;
  readonly affectedService: string | null;
  /** Null while only the root cause is known. */
  readonly workaround: string | null;
  /** Words or phrases the problem manager chose because reporters use them (e.g. "连不上"). */
  readonly keywords?: readonly string[];
}

export interface KnownErrorMatch {
  readonly number: string;
  readonly title: string;
  readonly workaround: string | null;
  readonly reasons: readonly MatchReason[];
  /** Share of the known error's title terms found in the incident (1 for a keyword hit), 0–1. */
  readonly similarity: number;
  readonly score: number;
}

/**
 * Words match when at least half of the known error's title terms occur in the incident's title or
 * description, and at least two of them (one, for a one-term title). Coverage of the known error's
 * title, not similarity of the two texts, because an incident description is long and a title
 * short; a half is enough for "VPN 无法连接" to match "公司VPN无法连接，提示超时" but not a mere "VPN".
 */
export const WORD_MATCH_THRESHOLD = 0.5;
export const MIN_SHARED_TERMS = 2;

/** The service is the most specific sign, the category the broadest; word similarity adds up to 1. */
export const SERVICE_WEIGHT = 0.5;
export const CATEGORY_WEIGHT = 0.25;

// Words so common in reports that sharing them says nothing. Negations are here too: "can't"
// and "cannot" and "unable" would otherwise keep equivalent sentences apart.
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'cannot', 'do', 'doe', 'does', 'don', 'for',
  'from', 'has', 'have', 'i', 'in', 'is', 'isn', 'it', 'its', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our',
  's', 'so', 't', 'that', 'the', 'this', 'to', 'unable', 'was', 'we', 'when', 'with', 'won', 'would',
]);

export function matchKnownErrors(incident: IncidentText, knownErrors: readonly KnownError[]): KnownErrorMatch[] {
  const incidentTerms = new Set(significantTerms(`${incident.title}\n${incident.description}`));
  return knownErrors
    .map((knownError) => matchOne(incident, incidentTerms, knownError))
    .filter((match) => match.reasons.length > 0)
    .sort((a, b) => b.score - a.score || b.similarity - a.similarity || compareCodePoints(a.number, b.number));
}

/** Trimmed, spaces collapsed, lower-cased: services are free text, "VPN " and "vpn" are one service. */
export function serviceKey(service: string | null): string | null {
  const key = service?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
  return key === '' ? null : key;
}

/**
 * The same category, or the known error's category contains the incident's (a known error on
 * Hardware › Printer covers Hardware › Printer › Paper jam). A top-level category alone is too
 * broad to suggest anything, so it only matches itself.
 */
export function categoryCovers(knownErrorPath: string | null, incidentPath: string | null): boolean {
  if (knownErrorPath === null || incidentPath === null) return false;
  if (knownErrorPath === incidentPath) return true;
  const isSubcategory = incidentPath.startsWith(`${knownErrorPath}${CATEGORY_PATH_SEPARATOR}`);
  return isSubcategory && knownErrorPath.split(CATEGORY_PATH_SEPARATOR).length >= 2;
}

function matchOne(incident: IncidentText, incidentTerms: ReadonlySet<string>, knownError: KnownError): KnownErrorMatch {
  const similarity = wordSimilarity(incidentTerms, knownError);
  const reasons: MatchReason[] = [];
  if (categoryCovers(knownError.categoryPath, incident.categoryPath)) reasons.push('category');
  const service = serviceKey(incident.affectedService);
  if (service !== null && service === serviceKey(knownError.affectedService)) reasons.push('service');
  if (similarity >= WORD_MATCH_THRESHOLD) reasons.push('words');
  const score =
    (reasons.includes('words') ? similarity : 0) +
    (reasons.includes('service') ? SERVICE_WEIGHT : 0) +
    (reasons.includes('category') ? CATEGORY_WEIGHT : 0);
  const { number, title, workaround } = knownError;
  return { number, title, workaround, reasons, similarity, score };
}

/** Title coverage as documented above (0 when too few terms are shared), or 1 for a keyword hit. */
function wordSimilarity(incidentTerms: ReadonlySet<string>, knownError: KnownError): number {
  const keywordHit = (knownError.keywords ?? []).some((keyword) => containsAll(incidentTerms, significantTerms(keyword)));
  if (keywordHit) return 1;
  const titleTerms = [...new Set(significantTerms(knownError.title))];
  if (titleTerms.length === 0) return 0;
  const shared = titleTerms.filter((term) => incidentTerms.has(term)).length;
  if (shared < Math.min(MIN_SHARED_TERMS, titleTerms.length)) return 0;
  return shared / titleTerms.length;
}

function containsAll(terms: ReadonlySet<string>, wanted: readonly string[]): boolean {
  return wanted.length > 0 && wanted.every((term) => terms.has(term));
}

function significantTerms(text: string): string[] {
  return searchTerms(text).filter((term) => !STOP_WORDS.has(term));
}

