/** Formatting shared by the tray (main) and the window (renderer). Pure, no imports. */

/** A date and time in the user's language, e.g. "14:05 25/11/2026" in Vietnamese. */
export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** A calendar date (YYYY-MM-DD) as documents write it: 14/05/2020 in both languages (en-GB order). */
export function formatDay(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDay;
}

/** The clock time and the calendar date of an instant, local time, as Vietnamese writes them: `21:05`, `01/12/2026`. */
export function timeAndDate(iso: string): { readonly time: string; readonly date: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { time: iso, date: '' };
  const two = (n: number): string => String(n).padStart(2, '0');
  return { time: `${two(d.getHours())}:${two(d.getMinutes())}`, date: `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}` };
}

/** A number with one decimal as the language writes it: `1,5` in Vietnamese, `1.5` in English. */
export function formatDecimal(value: number, language: string, digits = 1): string {
  const text = value.toFixed(digits);
  return language === 'vi' ? text.replace('.', ',') : text;
}
