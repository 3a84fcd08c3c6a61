/**
 * The XML body strong-remoting sends for `?_format=xml` or an XML Accept header,
 * rendered by the js2xmlparser of the app's own strong-remoting with the
 * options of strong-remoting's `toXML` (lib/http-context.js): root
 * `<response>` (or `returns[0].xml.wrapperElement`), top-level arrays wrapped
 * as `<result>` items, `toJSON()` applied first, a result's own `toXML()` wins.
 */
import * as path from 'path';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:remoting:xml');

/** `returns[0].xml` options strong-remoting honours. */
export interface XmlOptions {
  wrapperElement?: string;
  declaration?: boolean;
}

/** Renders a result as XML; throws js2xmlparser's errors (the caller answers 500). */
export type XmlRenderer = (input: any, options?: XmlOptions) => string;

interface Js2XmlParser {
  parse(root: string, value: unknown, options: object): string;
}

function toJSONish(input: any): any {
  if (!input) return input;
  if (typeof input.toJSON === 'function') return input.toJSON();
  if (Array.isArray(input)) return input.map(toJSONish);
  return input;
}

/** The XML renderer of the strong-remoting installed at `strongRemotingDir` (default: lb3-shim's own). */
export function xmlRendererFor(strongRemotingDir?: string): XmlRenderer {
  const from = strongRemotingDir ?? path.dirname(require.resolve('strong-remoting/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- strong-remoting's own dependency, resolved from its directory
  const js2xmlparser: Js2XmlParser = require(require.resolve('js2xmlparser', { paths: [from] }));
  debug('js2xmlparser of %s', from);
  return function renderXml(input: any, options: XmlOptions = {}): string {
    const xmlOptions: XmlOptions = Object.assign({ declaration: true }, options);
    if (input && typeof input.toXML === 'function') return input.toXML();
    if (typeof input === 'object') input = toJSONish(input);
    if (Array.isArray(input)) input = { result: input };
    return js2xmlparser.parse(xmlOptions.wrapperElement || 'response', input, {
      declaration: { include: xmlOptions.declaration, encoding: 'UTF-8' },
      format: { doubleQuotes: true, indent: '  ' },
      convertMap: { '[object Date]': (date: Date) => date.toISOString() },
    });
  };
}

let ownRenderer: XmlRenderer | undefined;

/** {@link XmlRenderer} of lb3-shim's own strong-remoting (apps bring theirs through the remoting kit). */
export const renderXml: XmlRenderer = (input, options) => (ownRenderer ??= xmlRendererFor())(input, options);
