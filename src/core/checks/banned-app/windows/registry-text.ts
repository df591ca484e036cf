import type { RegKey } from '../../../windows/reg-query';

/** A key's default value as text: `(Default)` in English and under wine, another word in other languages (the one name in parentheses). */
export function defaultText(key: RegKey | undefined): string | undefined {
  const v = key?.values.find((x) => x.name.toLowerCase() === '(default)') ?? key?.values.find((x) => /^\(.+\)$/.test(x.name));
  return v && (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') && v.data !== '' ? v.data : undefined;
}
