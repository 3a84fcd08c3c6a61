/**
 * API explorer: swagger-ui-dist's static bundle plus our own page and
 * initializer (the dist one loads the petstore demo).
 */
import type { Router } from 'express';
import express from 'express';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:rest:explorer');

/** swagger-ui-dist's folder. Its `absolute-path.js` is required alone: the package index loads the 1.5 MB bundle. */
function swaggerUiDir(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const getAbsoluteFSPath = require('swagger-ui-dist/absolute-path.js') as () => string;
  return getAbsoluteFSPath();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for embedding in a script: `<` escaped so the text cannot close the script element. */
function jsLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(title: string, base: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" type="text/css" href="${base}swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${base}index.css" />
    <link rel="icon" type="image/png" href="${base}favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${base}swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${base}swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="${base}swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;
}

function initializer(specUrl: string): string {
  return `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${jsLiteral(specUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
};
`;
}

/**
 * An express router serving swagger-ui-dist at its mount point, loading `specUrl`.
 * The page is served with and without the trailing slash (asset links are
 * absolute, built from the mount path).
 */
export function explorerRouter(options: { specUrl: string; title?: string }): Router {
  const title = options.title ?? 'API Explorer';
  const script = initializer(options.specUrl);
  const router = express.Router();

  // Built per request (cheap, explorer only): the mount path comes from the request.
  const sendPage: express.RequestHandler = (req, res) => {
    res.type('html').send(page(title, escapeHtml(`${req.baseUrl}/`)));
  };
  router.get('/', sendPage);
  router.get('/index.html', sendPage);
  router.get('/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(script);
  });
  const dir = swaggerUiDir();
  debug('serving %s, spec %s', dir, options.specUrl);
  router.use(express.static(dir, { index: false }));
  return router;
}
