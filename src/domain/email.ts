/**
 * E-mail addresses: normalising, a pragmatic syntax check, and typo hints for common domains.
 *
 * The check is deliberately narrower than RFC 5322 (no quoted local parts, no IP literals): it must accept
 * what a CRM and a mail server accept and catch what people mistype in a practice (`dirk.maes@@x.be`,
 * `jan@telenet`, `an..peeters@x.be`, spaces). Typo hints (`hotmial.com` → `hotmail.com`) are only hints:
 * the address is never changed, because `hotmial.com` might be what the patient really wrote down.
 */

/**
 * Trims (String#trim also removes NBSP and a stray BOM) and lower-cases. Inner spaces are kept: they are
 * errors for {@link isValidEmail} to report, not something to guess away.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Characters allowed in the local part besides letters and digits (RFC 5322 atext, plus the dot). */
function isLocalSpecial(code: number): boolean {
  switch (code) {
    case 33: // !
    case 35: // #
    case 36: // $
    case 37: // %
    case 38: // &
    case 39: // '
    case 42: // *
    case 43: // +
    case 45: // -
    case 46: // .
    case 47: // /
    case 61: // =
    case 63: // ?
    case 94: // ^
    case 95: // _
    case 96: // `
    case 123: // {
    case 124: // |
    case 125: // }
    case 126: // ~
      return true;
    default:
      return false;
  }
}

/** The local part is `email[0, end)`. */
function isValidLocal(email: string, end: number): boolean {
  if (end === 0 || end > 64) return false;
  if (email.charCodeAt(0) === 46 || email.charCodeAt(end - 1) === 46) return false;
  for (let i = 0; i < end; i++) {
    const code = email.charCodeAt(i);
    if (isAsciiAlnum(code) || code > 127) continue; // non-ASCII: internationalised addresses (RFC 6531)
    if (!isLocalSpecial(code)) return false;
    if (code === 46 && email.charCodeAt(i + 1) === 46) return false;
  }
  return true;
}

/** The domain is `email[start, email.length)`. */
function isValidDomain(email: string, start: number): boolean {
  const end = email.length;
  if (end - start < 4 || end - start > 253) return false;
  let labelStart = start;
  let dots = 0;
  for (let i = start; i <= end; i++) {
    const code = i < end ? email.charCodeAt(i) : 46;
    if (code === 46) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return false;
      if (email.charCodeAt(labelStart) === 45 || email.charCodeAt(i - 1) === 45) return false;
      if (i < end) dots++;
      labelStart = i + 1;
    } else if (!(isAsciiAlnum(code) || code === 45 || code > 127)) return false;
  }
  // The top-level domain has at least two letters and no digits (`x.b`, `x.123` are typos).
  const tld = email.lastIndexOf('.') + 1;
  if (end - tld < 2) return false;
  for (let i = tld; i < end; i++) if (email.charCodeAt(i) < 58) return false;
  return dots > 0;
}

/**
 * Pragmatic syntax check on an already-normalised address: exactly one `@`, a non-empty local part without
 * leading, trailing or doubled dots, a domain with at least one dot and a TLD of 2+ letters, no spaces.
 * Scans the address in place: it runs on every patient's address.
 */
export function isValidEmail(email: string): boolean {
  const at = email.indexOf('@');
  if (at <= 0 || email.indexOf('@', at + 1) !== -1) return false;
  return isValidLocal(email, at) && isValidDomain(email, at + 1);
}

/** Domains Belgian patients use most; a domain one edit away from one of these is probably a typo. */
const COMMON_DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'hotmail.be',
  'hotmail.fr',
  'outlook.com',
  'outlook.be',
  'live.be',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'telenet.be',
  'skynet.be',
  'proximus.be',
  'scarlet.be',
  'voo.be',
  'orange.be',
] as const;
const COMMON_SET = new Set<string>(COMMON_DOMAINS);

/** True when a and b differ by one insertion, deletion, substitution or swap of neighbours. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Suggests the common domain an address probably meant (`an@hotmial.com` → `hotmail.com`), or null.
 * A hint for the practice; never apply it automatically.
 */
export function emailDomainHint(email: string): string | null {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (domain === '' || COMMON_SET.has(domain)) return null;
  for (const common of COMMON_DOMAINS) if (withinOneEdit(domain, common)) return common;
  return null;
}
