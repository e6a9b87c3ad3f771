/**
 * A time zone as a Slack profile gives it, if it names one this runtime knows (an IANA name such as
 * `Europe/London`); undefined for anything else (`Mars/Olympus`, an empty string), and then the person's hours
 * are read as UTC, with a warning wherever they are shown.
 */
export function knownTimeZone(timeZone: string | null | undefined): string | undefined {
  const name = timeZone?.trim();
  if (!name) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}
