/**
 * Three-letter ids some Intl implementations (ICU) accept for compatibility with old Java, though the tz database
 * has no such zone: `IST` is India there and Israel elsewhere, `PST` follows daylight saving there and is a fixed
 * UTC-8 elsewhere (the SIP server's database reads it so). A guess either way, so none of them names a zone.
 * EST, MST and HST are real zones of the tz database and stay.
 */
const NOT_IN_THE_TZ_DATABASE = new Set(
  'ACT AET AGT ART AST BET BST CAT CNT CST CTT EAT ECT IET IST JST MIT NET NST PLT PNT PRT PST SST VST'.split(
    ' ',
  ),
);

/**
 * A time zone as a Slack profile gives it, if it names one this runtime knows (an IANA name such as
 * `Europe/London`); undefined for anything else (`Mars/Olympus`, `PST`, an empty string), and then the person's
 * hours are read as UTC, with a warning wherever they are shown.
 */
export function knownTimeZone(timeZone: string | null | undefined): string | undefined {
  const name = timeZone?.trim();
  if (!name || NOT_IN_THE_TZ_DATABASE.has(name.toUpperCase())) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}
