/**
 * The XML body strong-remoting 3.17 sends for `?_format=xml` (js2xmlparser 3
 * on xmlcreate 1 with `{declaration: UTF-8, doubleQuotes, indent: '  '}`):
 * root `<response>`, top-level arrays wrapped as `<result>` items, array
 * properties repeated as sibling elements, `@`/`#`/`=` keys as attributes,
 * text and element renames, primitives printed with `String()`.
 */

const NAME_START = ':|[A-Z]|_|[a-z]|[\\u00C0-\\u00D6]|[\\u00D8-\\u00F6]|[\\u00F8-\\u02FF]|[\\u0370-\\u037D]'
  + '|[\\u037F-\\u1FFF]|[\\u200C-\\u200D]|[\\u2070-\\u218F]|[\\u2C00-\\u2FEF]|[\\u3001-\\uD7FF]|[\\uF900-\\uFDCF]|[\\uFDF0-\\uFFFD]';
const NAME_START_SURROGATE = '[\\uD800-\\uDB7F][\\uDC00-\\uDFFF]';
const NAME_CHAR = NAME_START + '|-|\\.|[0-9]|\\u00B7|[\\u0300-\\u036F]|[\\u203F-\\u2040]';
const NAME_CHAR_ALL = NAME_CHAR + '|' + NAME_START_SURROGATE;
const RE_START = new RegExp('^' + NAME_START + '$');
const RE_START_SURROGATE = new RegExp('^' + NAME_START_SURROGATE + '$');
const RE_REST = new RegExp('^(' + NAME_CHAR_ALL + ')+$');
// eslint-disable-next-line no-control-regex -- XML's Char production includes tab, LF and CR
const RE_CHARS = /^((\u0009|\u000A|\u000D|[\u0020-\uD7FF]|[\uE000-\uFFFD])|([\uD800-\uDBFF][\uDC00-\uDFFF]))*$/;

function validName(s: string): boolean {
  if (s.length === 0) return false;
  if (RE_START.test(s.charAt(0))) return s.length === 1 || RE_REST.test(s.substr(1));
  if (s.length >= 2 && RE_START_SURROGATE.test(s.substr(0, 2))) return s.length === 2 || RE_REST.test(s.substr(2));
  return false;
}

function checkName(name: string): string {
  if (!validName(name)) throw new Error('name should not contain characters not allowed in XML names');
  return name;
}

const tag = (v: unknown) => Object.prototype.toString.call(v);
const isPrimitive = (v: unknown) => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v)
  || ['[object String]', '[object Number]', '[object Boolean]'].includes(tag(v));

class CharData {
  constructor(readonly text: string) {
    if (!RE_CHARS.test(text)) throw new Error('charData should not contain characters not allowed in XML');
  }
  toString(): string {
    return this.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;');
  }
}

class Element {
  readonly attrs: Array<[string, string]> = [];
  readonly nodes: Array<Element | CharData> = [];
  constructor(public name: string) { checkName(name); }

  element(name: string): Element {
    const el = new Element(name);
    this.nodes.push(el);
    return el;
  }

  attribute(name: string, text: string): void {
    checkName(name);
    if (this.attrs.some(([n]) => n === name)) throw new Error('element already contains an XmlAttribute object with name ' + name);
    if (!RE_CHARS.test(text)) throw new Error('text should not contain characters not allowed in XML');
    this.attrs.push([name, text]);
  }

  toString(indent: string): string {
    let str = '<' + this.name;
    for (const [n, t] of this.attrs) {
      str += ' ' + n + '="' + t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;') + '"';
    }
    if (this.nodes.length === 0) return str + '/>';
    str += '>';
    const inline = this.nodes.every((x) => x instanceof CharData);
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      let s = node.toString(indent);
      if (!inline && !(i > 0 && node instanceof CharData && this.nodes[i - 1] instanceof CharData)) {
        str += '\n';
        s = s.split('\n').map((line) => indent + line).join('\n');
      }
      str += s;
    }
    if (!inline) str += '\n';
    return str + '</' + this.name + '>';
  }
}

function parseValue(key: string, value: unknown, parent: Element): void {
  const t = tag(value);
  if (t === '[object Object]' || t === '[object Map]') return parseObject(value, parent);
  if (t === '[object Array]' || t === '[object Set]') return parseArray(key, value as Iterable<unknown>, parent);
  parent.nodes.push(new CharData(String(value)));
}

function parseObject(obj: unknown, parent: Element): void {
  if (obj instanceof Map) {
    obj.forEach((v, k) => parseEntry(String(k), v, parent));
    return;
  }
  const o = obj as Record<string, unknown>;
  for (const key of Object.keys(o)) parseEntry(key, o[key], parent);
}

function parseEntry(key: string, value: unknown, parent: Element): void {
  if (key === '=') {
    if (tag(value) !== '[object String]') throw new Error('aliasString value for ' + value + ' should be a string');
    parent.name = checkName(String(value));
    return;
  }
  if (key.indexOf('@') === 0) {
    if (tag(value) !== '[object Object]') throw new Error('attributes object for ' + key + ' should be an object');
    const attrs = value as Record<string, unknown>;
    for (const sub of Object.keys(attrs)) {
      if (!isPrimitive(attrs[sub])) {
        throw new Error("attribute value for name '" + sub + "' should be a primitive (string, number, boolean, null, or undefined)");
      }
      parent.attribute(sub, String(attrs[sub]));
    }
    return;
  }
  if (key.indexOf('#') === 0) {
    if (!isPrimitive(value)) throw new Error('value ' + value + ' should be a primitive (string, number, boolean, null, or undefined)');
    parseValue(key, value, parent);
    return;
  }
  const t = tag(value);
  const el = t === '[object Array]' || t === '[object Set]' ? parent : parent.element(key);
  parseValue(key, value, el);
}

function parseArray(key: string, items: Iterable<unknown>, parent: Element): void {
  const each = (item: unknown) => {
    const t = tag(item);
    const el = t === '[object Array]' || t === '[object Set]' ? parent : parent.element(key);
    parseValue(key, item, el);
  };
  if (Array.isArray(items)) items.forEach(each); // forEach skips holes, as js2xmlparser does
  else for (const item of items) each(item);
}

/** `returns[0].xml` options strong-remoting honours. */
export interface XmlOptions {
  wrapperElement?: string;
  declaration?: boolean;
}

function toJSONish(input: any): any {
  if (!input) return input;
  if (typeof input.toJSON === 'function') return input.toJSON();
  if (Array.isArray(input)) return input.map(toJSONish);
  return input;
}

/** Render a result as strong-remoting's XML body; throws js2xmlparser's errors (the caller answers 500). */
export function renderXml(input: any, options: XmlOptions = {}): string {
  if (input && typeof input.toXML === 'function') return input.toXML();
  if (typeof input === 'object') input = toJSONish(input);
  if (Array.isArray(input)) input = { result: input };
  const declaration = options.declaration === undefined ? true : options.declaration;
  if (typeof declaration !== 'boolean') throw new TypeError('options.declaration.include should be a boolean or undefined');
  const root = new Element(options.wrapperElement || 'response');
  parseValue(root.name, input, root);
  const body = root.toString('  ');
  return declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' + body : body;
}
