/** Email addresses as the API validates them (DRF EmailField = Django's EmailValidator), so that check
 * accepts exactly what the API would: no false "invalid" for real addresses, no 400 surprises at apply. */
import { isIP } from "node:net";
import { domainToASCII } from "node:url";

/** Django's EmailValidator, which the API applies: an ASCII local part (dot-atom or quoted; Python's
 * case-insensitive match also lets ſ, K, ı and İ through) and a domain that may be internationalised (IDNA). */
const EMAIL_USER = /^(?:[-!#$%&'*+/=?^_`{}|~0-9a-z\u0130\u0131]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9a-z\u0130\u0131]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/iu;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(?<!-)$/i;
const EMAIL_LITERAL = /^\[([a-f0-9:.]+)\]$/i;
export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (value.length > 320 || at < 0 || !EMAIL_USER.test(value.slice(0, at))) return false;
  const domain = value.slice(at + 1);
  const literal = EMAIL_LITERAL.exec(domain);
  if (domain === "localhost" || EMAIL_DOMAIN.test(domain) || (literal && isIP(literal[1]) !== 0)) return true;
  const ascii = /^[\x00-\x7f]*$/.test(domain) ? "" : domainToASCII(domain);
  return ascii !== "" && EMAIL_DOMAIN.test(ascii);
}

/** Emails compare case-insensitively, as the API compares them. */
export const emailKey = (email: string) => email.toLowerCase();

/** Case-insensitive order, ties broken by spelling: the engine compares arrays by position, so one set of
 * emails must always give the same array. */
export function compareEmails(a: string, b: string): number {
  return compareText(emailKey(a), emailKey(b)) || compareText(a, b);
}

/** A sorted copy, case-insensitively (the order every list output uses: the engine compares arrays by position). */
export const sortEmails = (emails: readonly string[]): string[] => [...emails].sort(compareEmails);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
