/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/** Whole days from an ISO date (YYYY-MM-DD, midnight UTC) to `now`; negative when the date is in the future. */
export function daysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00Z`)) / DAY_MS);
}

/** True when `now` is after the whole day `isoDate` (support ends at the end of its last day). */
export function isAfterDay(isoDate: string, now: Date): boolean {
  return now.getTime() >= Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS;
}

/** An ISO date as dd/mm/yyyy, the way Vietnamese documents write dates. */
export function displayDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** The UTC calendar date of a time, as YYYY-MM-DD. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
