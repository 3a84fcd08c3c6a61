/**
 * Sends `ctx.result` as strong-remoting 3.17's `HttpContext.done` does:
 * `http.status`, 204 for undefined results, content negotiation (JSON,
 * JSONP, XML, 406), and raw `type: 'file'` bodies. Bodies go through
 * express `res.json`/`res.send`, so ETag and X-Powered-By match express.
 */
import { writeJson } from '../../lib/rest/json-sender';
import type { RequestContext } from '../../lib/rest/types';
import { buildNegotiator, type NegotiatorOptions } from './content-negotiation';
import { hasFileRoot } from './result-shaper';
import type { Lb3Return } from './types';
import { buildStreamWriter, streamReturnOf } from './stream-writer';
import { renderXml as ownRenderXml, type XmlOptions, type XmlRenderer } from './xml-renderer';

export interface ResultWriterOptions extends NegotiatorOptions {
  /** The app's strong-remoting XML renderer (default: lb3-shim's own strong-remoting). */
  renderXml?: XmlRenderer;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  return typeof v;
}

/**
 * Compile the writer for one method. The returned function writes the whole
 * response; it throws (for the error writer) only when a `file` result is
 * neither a string, a Buffer nor a stream. Methods whose first return is a
 * stream type (`ReadableStream`...) get the streaming writer (stream-writer.ts).
 */
export function buildResultWriter(
  method: { returns?: Lb3Return[] | Lb3Return; http?: { status?: number } },
  options: ResultWriterOptions = {},
): (ctx: RequestContext, result: unknown) => void {
  const returns = method.returns === undefined ? [] : Array.isArray(method.returns) ? method.returns : [method.returns];
  const streamDesc = streamReturnOf(returns);
  if (streamDesc) return buildStreamWriter(streamDesc);
  const defaultStatus = method.http?.status;
  const isFile = hasFileRoot(returns);
  const negotiate = buildNegotiator(options);
  const renderXml = options.renderXml ?? ownRenderXml;
  const xmlOptions: XmlOptions | undefined = returns.length ? (returns[0].xml as XmlOptions) || {} : undefined;

  function sendXml(res: any, data: unknown): void {
    if (data === null) {
      res.set('Content-Length', '7');
      res.send('<null/>');
      return;
    }
    if (!data) {
      // strong-remoting sends nothing for 0, false and '' in XML.
      res.end();
      return;
    }
    let xml: string;
    try {
      // strong-remoting reads `returns[0].xml` here, so a method without returns fails.
      if (!xmlOptions) throw new TypeError("Cannot read properties of undefined (reading 'xml')");
      xml = renderXml(data, xmlOptions);
    } catch (e) {
      res.status(500).send(String(e) + '\n' + String(data));
      return;
    }
    res.send(xml);
  }

  return function writeResult(ctx: RequestContext, data: unknown): void {
    const req: any = ctx.request;
    const res: any = ctx.response;
    const format = negotiate(req);
    if (defaultStatus) res.status(defaultStatus);
    const status = res.statusCode;
    if ((status < 300 || status > 399) && !res.getHeader('Content-Type')) res.setHeader('Content-Type', format.contentType);

    if (data === undefined) {
      if (status === undefined || status === 200) res.statusCode = 204;
      res.end();
      return;
    }
    if (isFile) {
      if (Buffer.isBuffer(data) || typeof data === 'string') res.end(data);
      else if (typeof (data as any).pipe === 'function') (data as any).pipe(res);
      else throw new Error(`Cannot create a file response from ${typeName(data)} `);
      return;
    }
    switch (format.kind) {
      case 'json':
        writeJson(req, res, data);
        return;
      case 'jsonp':
        res.jsonp(data);
        return;
      case 'xml':
        sendXml(res, data);
        return;
      default:
        res.status(406).send('Not Acceptable');
    }
  };
}
