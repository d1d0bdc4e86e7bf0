// Record numbers such as INC-000123: a prefix per record type and a sequence of at least six digits.
// KB numbers knowledge base articles.
import { DomainError } from './errors.js';

export const RECORD_PREFIXES = ['INC', 'REQ', 'PRB', 'CHG', 'REL', 'KB'] as const;

export type RecordPrefix = (typeof RECORD_PREFIXES)[number];

export interface RecordNumber {
  readonly prefix: RecordPrefix;
  readonly sequence: number;
}

const SEQUENCE_DIGITS = 6;
const RECORD_NUMBER_PATTERN = /^(INC|REQ|PRB|CHG|REL|KB)-(\d+)$/i;

export function formatRecordNumber(prefix: RecordPrefix, sequence: number): string {
  if (!isValidSequence(sequence)) {
    throw new DomainError('invalid_input', { field: 'sequence', value: sequence });
  }
  return `${prefix}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

export function parseRecordNumber(text: string): RecordNumber | null {
  const match = RECORD_NUMBER_PATTERN.exec(text.trim());
  const prefix = RECORD_PREFIXES.find((candidate) => candidate === match?.[1]?.toUpperCase());
  const sequence = Number(match?.[2]);
  if (!prefix || !isValidSequence(sequence)) return null;
  return { prefix, sequence };
}

function isValidSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1;
}

/** The record a command's words name, as `show <number>` or as the number alone, if it has this prefix. */
export function recordNumberArgument(words: readonly string[], prefix: RecordPrefix): string | null {
  const [first = '', second] = words.map((word) => word.toLowerCase());
  const numberText = first === 'show' && words.length === 2 ? second : words.length === 1 ? first : undefined;
  const parsed = numberText ? parseRecordNumber(numberText) : null;
  return parsed?.prefix === prefix ? formatRecordNumber(prefix, parsed.sequence) : null;
}
