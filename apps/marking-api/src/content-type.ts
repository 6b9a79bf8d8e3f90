/**
 * A Content-Type header read strictly (RFC 9110 §8.3.1): `type "/" subtype *( OWS ";" OWS [ parameter ] )`,
 * a parameter being `token "=" ( token / quoted-string )`. Fastify's own matching skips what it
 * cannot read, so `application/json; charset` or `text/plain garbage` would pass as JSON or text;
 * the API refuses them instead of guessing.
 */
export interface MediaType {
  /** `type/subtype`, lower case. */
  essence: string;
  /** Parameter names lower case; values as sent (quotes and escapes removed). */
  parameters: Map<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})`);
const PARAMETER = new RegExp(`^(${TOKEN})=(?:(${TOKEN})|"((?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*)")`);
const OWS = /^[ \t]*/;

/** The parsed header, or undefined when it is not a well-formed media type. */
export function parseContentType(header: string): MediaType | undefined {
  const head = MEDIA_TYPE.exec(header);
  if (!head) return undefined;
  const parameters = new Map<string, string>();
  let rest = header.slice(head[0].length);
  for (;;) {
    rest = rest.replace(OWS, '');
    if (rest === '') break;
    if (rest[0] !== ';') return undefined;
    rest = rest.slice(1).replace(OWS, '');
    if (rest === '' || rest[0] === ';') continue; // an empty parameter is allowed
    const p = PARAMETER.exec(rest);
    if (!p) return undefined;
    const name = p[1].toLowerCase();
    // A repeated parameter (two charsets) has no single meaning.
    if (parameters.has(name)) return undefined;
    parameters.set(name, p[2] ?? p[3].replace(/\\(.)/g, '$1'));
    rest = rest.slice(p[0].length);
  }
  return { essence: `${head[1]}/${head[2]}`.toLowerCase(), parameters };
}
