/**
 * Parity of the `normalized` fixture (`remoting.rest.normalizeHttpPath:
 * true`): dasherized model plurals, method paths and relation names, and the
 * camelCase paths that stop working, against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, ParityRequest } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const B = '/api/blog-posts';

export const normalizedRequests: ParityRequest[] = [
  { method: 'GET', path: `${B}/do-something-cool?level=3` },
  { method: 'GET', path: `${B}/do-something-cool?level=high` },
  { method: 'GET', path: `${B}/doSomethingCool`, note: 'camelCase path is gone: findById' },
  { method: 'GET', path: `${B}/no-path-method` },
  { method: 'GET', path: `${B}/noPathMethod` },
  { method: 'POST', path: `${B}/1/mark-read` },
  { method: 'POST', path: `${B}/1/markRead` },
  { method: 'POST', path: `${B}/999/mark-read` },
  { method: 'GET', path: '/api/BlogPosts', note: 'the un-normalized plural is unknown' },
  { method: 'GET', path: '/api/blogposts' },
  { method: 'GET', path: '/api/Blog-Posts/1', note: 'case-insensitive' },
  { method: 'GET', path: `${B}/find-one` },
  { method: 'GET', path: `${B}/findOne`, note: 'falls to findById' },
  { method: 'GET', path: `${B}/1/related-comments` },
  { method: 'GET', path: `${B}/1/relatedComments` },
  { method: 'GET', path: `${B}/1/related-comments?filter=${enc({ where: { body: 'Nice' } })}` },
  { method: 'GET', path: `${B}/1/related-comments/count` },
  { method: 'GET', path: `${B}/1/related-comments/1` },
  { method: 'GET', path: `${B}/1/related-comments/999` },
  { method: 'POST', path: `${B}/2/related-comments`, json: { body: 'On the second' } },
  { method: 'POST', path: `${B}/2/related-comments`, json: {} },
  { method: 'PUT', path: `${B}/1/related-comments/2`, json: { body: 'Very nice' } },
  { method: 'DELETE', path: `${B}/1/related-comments/1` },
  { method: 'DELETE', path: `${B}/2/related-comments` },
  { method: 'GET', path: '/api/post-comments/2/blog-post' },
  { method: 'GET', path: '/api/post-comments/2/blogPost' },
  { method: 'GET', path: `${B}?filter=${enc({ include: 'relatedComments' })}` },
  // ---- catalogue coverage additions (docs/parity-coverage.md) -------------------------
  { method: 'GET', path: `${B}/do_something_cool?level=1`, note: '§7 only the dasherized form is routed' },
  { method: 'GET', path: '/api/BLOG-POSTS/DO-SOMETHING-COOL?level=1', note: '§7 normalized paths stay case-insensitive' },
  { method: 'GET', path: '/api/blog_posts/1' },
  { method: 'GET', path: `${B}/1/related-comments/count?where[body]=Nice` },
  { method: 'POST', path: `${B}/1/relatedComments`, json: { body: 'camel' }, note: 'camelCase relation path is gone' },
  { method: 'POST', path: `${B}/replaceOrCreate`, json: { title: 'camel' }, note: 'camelCase built-in path is gone' },
  { method: 'POST', path: `${B}/upsertWithWhere?where=${enc({ id: 1 })}`, json: { title: 'camel' } },
  ...crudRequests(B, { existingId: 2, nextId: 3, sample: { title: 'Third', publishedAt: '2019-09-09' }, patch: { title: 'Renamed' } }).map((r) => ({
    ...r,
    path: r.path.replace('/replaceOrCreate', '/replace-or-create').replace('/upsertWithWhere', '/upsert-with-where').replace('/findOne', '/find-one'),
  })),
  ...crudRequests('/api/post-comments', { existingId: 2, nextId: 4, sample: { body: 'Hi', blogPostId: 1 }, patch: { body: 'Edited' } }).map((r) => ({
    ...r,
    path: r.path.replace('/replaceOrCreate', '/replace-or-create').replace('/upsertWithWhere', '/upsert-with-where').replace('/findOne', '/find-one'),
  })),
];

const normalizedRequestsWithHead = withHeadVariants(normalizedRequests);

describeParity('parity: normalized fixture (normalizeHttpPath) against stock LB3', { appDir: fixtureDir('normalized'), requests: normalizedRequestsWithHead });
