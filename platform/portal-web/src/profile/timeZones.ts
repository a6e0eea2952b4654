/** Every IANA zone the browser knows, for the time zone picker. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Whether the browser accepts this as an IANA zone (also aliases such as "UTC" that the list leaves out). */
export function isTimeZone(value: string): boolean {
  if (!value.trim()) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
