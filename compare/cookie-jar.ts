/**
 * A browser's cookie jar for one side of a comparison: cookies set by a response (`Set-Cookie`)
 * go back with the next requests (`Cookie`), and go away when the server expires them. One host
 * per side, so Domain and Path are not needed to pick cookies. Session cookies differ per side
 * by nature (random, signed ids); {@link alignSessionCookies} compares them as variables.
 */
/** The cookies one side holds. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Keep what `Set-Cookie` headers say: set, replace, or delete (Max-Age <= 0, Expires in the past). */
  store(setCookies: readonly string[] | undefined, now: number = Date.now()): void {
    for (const line of setCookies ?? []) {
      const cookie = parseSetCookie(line);
      if (cookie === undefined) continue;
      if (cookie.expired(now)) this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
  }

  /** The `Cookie` header to send, undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The raw value of a cookie, if held. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

interface SetCookie {
  name: string;
  value: string;
  attributes: Array<[string, string | undefined]>;
  expired(now: number): boolean;
}

/** `name=value; Attr=x; Flag` (RFC 6265 §5.2); undefined for a line without a name. */
export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair, ...rest] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const attributes = rest.map((a): [string, string | undefined] => {
    const i = a.indexOf('=');
    return i < 0 ? [a.trim(), undefined] : [a.slice(0, i).trim(), a.slice(i + 1).trim()];
  });
  const attr = (n: string) => attributes.find(([k]) => k.toLowerCase() === n)?.[1];
  return {
    name,
    value,
    attributes,
    expired(now) {
      const maxAge = attr('max-age');
      if (maxAge !== undefined && /^-?\d+$/.test(maxAge)) return Number(maxAge) <= 0;
      const expires = attr('expires');
      return expires !== undefined && !Number.isNaN(Date.parse(expires)) && Date.parse(expires) <= now;
    },
  };
}

/** Placeholder of a session cookie's value in compared Set-Cookie headers. */
export const cookiePlaceholder = (name: string) => `<cookie:${name}>`;

/**
 * Set-Cookie headers of two sides with their per-run parts made comparable: a cookie set by both
 * sides with different values is a variable (`<cookie:name>`, like a saved token), a non-empty
 * one; an `Expires` that differs becomes `<expires>` when both are dates within a minute of each
 * other. Everything else (names, empty values, Path, HttpOnly, SameSite...) is compared as sent.
 */
export function alignSessionCookies(a: readonly string[], b: readonly string[]): [string[], string[]] {
  const pa = a.map(parseSetCookie);
  const pb = b.map(parseSetCookie);
  const render = (c: SetCookie | undefined, line: string, other: SetCookie | undefined): string => {
    if (c === undefined || other === undefined) return line;
    const value = c.value !== other.value && c.value !== '' && other.value !== '' ? cookiePlaceholder(c.name) : c.value;
    const attrs = c.attributes.map(([k, v]) => {
      const ov = other.attributes.find(([ok]) => ok.toLowerCase() === k.toLowerCase())?.[1];
      if (k.toLowerCase() === 'expires' && v !== undefined && ov !== undefined && v !== ov && Math.abs(Date.parse(v) - Date.parse(ov)) < 60_000)
        return `${k}=<expires>`;
      return v === undefined ? k : `${k}=${v}`;
    });
    return [`${c.name}=${value}`, ...attrs].join('; ');
  };
  const byName = (list: Array<SetCookie | undefined>, name: string) => list.find((c) => c?.name === name);
  return [pa.map((c, i) => render(c, a[i], c && byName(pb, c.name))), pb.map((c, i) => render(c, b[i], c && byName(pa, c.name)))];
}
