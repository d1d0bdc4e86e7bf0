// Which language chart images can be drawn in. Charts are rasterised offline (resvg) with the
// machine's fonts; without a font that has Chinese glyphs, Chinese labels would come out as empty
// boxes, so the charts then keep English labels (the message around them stays in Chinese).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locale } from '../../i18n/index.js';

export const FONT_DIRECTORIES: readonly string[] = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(os.homedir(), '.fonts'),
  path.join(os.homedir(), '.local', 'share', 'fonts'),
  '/Library/Fonts',
  '/System/Library/Fonts',
  'C:\\Windows\\Fonts',
];

/** File names of common fonts with CJK glyphs (Noto/Source Han, WenQuanYi, Droid fallback, Windows and macOS ones). */
const CJK_FONT_FILE = /(cjk|sourcehan|source-han|notosanssc|notoserifsc|notosanshans|wqy|wenquanyi|droidsansfallback|simhei|simsun|msyh|pingfang|hiragino|uming|ukai|arphic)/i;
const MAX_DEPTH = 4;

const found = new Map<string, boolean>();

/** True when one of the directories holds a CJK font file (looked up once per directory list). */
export function hasCjkFont(directories: readonly string[] = FONT_DIRECTORIES): boolean {
  const key = directories.join('\n');
  const cached = found.get(key);
  if (cached !== undefined) return cached;
  const result = directories.some((directory) => containsCjkFont(directory, 0));
  found.set(key, result);
  return result;
}

/** The language chart labels are drawn in for a reader of `locale`. */
export function chartLocale(locale: Locale, cjkAvailable: boolean = hasCjkFont()): Locale {
  return locale === 'zh-CN' && !cjkAvailable ? 'en' : locale;
}

function containsCjkFont(directory: string, depth: number): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) =>
    entry.isDirectory() ? depth < MAX_DEPTH && containsCjkFont(path.join(directory, entry.name), depth + 1) : CJK_FONT_FILE.test(entry.name),
  );
}
