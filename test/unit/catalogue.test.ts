import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../src/domain/errors.js';
import { isMessageKey, translate } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';

describe('the message catalogue', () => {
  it('has a message for every domain error, in both languages', () => {
    expect(DOMAIN_ERROR_CODES.filter((code) => !isMessageKey(`error.${code}`))).toEqual([]);
  });

  it('uses the same placeholders in Chinese as in English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const differing = Object.keys(en).filter((key) => JSON.stringify(placeholders(en[key as keyof typeof en])) !== JSON.stringify(placeholders(zhCN[key as keyof typeof en])));
    expect(differing).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'error.not_found', { number: 'INC-000007' })).toBe("I couldn't find INC-000007.");
    expect(translate('zh-CN', 'error.not_found', {})).toBe('找不到 {number}。');
  });
});
