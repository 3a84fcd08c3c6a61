import { expect } from 'chai';
import FindMyWay from 'find-my-way';
import { CONCRETE_VERBS, Lb3RouteEntry, planClassRoutes, sortLb3Routes, lb3VerbAnswers } from '../../../compat/routes/route-table';
import type { HttpVerb } from '../../../lib/rest/types';

/** Reference: express's first match over the LB3-sorted list (case-insensitive, one segment per param). */
function lb3Answer(entries: Lb3RouteEntry<string>[], verb: HttpVerb, url: string): string | undefined {
  const segs = url.split('/').filter(Boolean);
  for (const e of sortLb3Routes(entries)) {
    if (!lb3VerbAnswers(e.verb, verb)) continue;
    const p = e.path.split('/').filter(Boolean);
    if (p.length !== segs.length) continue;
    if (p.every((s, i) => s[0] === ':' || s.toLowerCase() === segs[i].toLowerCase())) return e.target;
  }
  return undefined;
}

/** The core router's answer: find-my-way loaded with the plan (params merged with fixedParams). */
function coreRouter(entries: Lb3RouteEntry<string>[]) {
  const router = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true });
  for (const r of planClassRoutes(entries)) {
    router.on(r.verb.toUpperCase() as any, r.path, () => undefined, { target: r.target, fixed: r.fixedParams ?? {} });
  }
  return (verb: HttpVerb, url: string) => {
    const m = router.find(verb.toUpperCase() as any, url);
    if (!m) return undefined;
    const store = m.store as { target: string; fixed: Record<string, string> };
    return { target: store.target, params: { ...m.params, ...store.fixed } as Record<string, string | undefined> };
  };
}

const builtins: Lb3RouteEntry<string>[] = [
  { verb: 'post', path: '/Widgets/', target: 'create' },
  { verb: 'patch', path: '/Widgets/', target: 'patchOrCreate' },
  { verb: 'put', path: '/Widgets/', target: 'replaceOrCreate' },
  { verb: 'post', path: '/Widgets/replaceOrCreate', target: 'replaceOrCreate' },
  { verb: 'post', path: '/Widgets/upsertWithWhere', target: 'upsertWithWhere' },
  { verb: 'get', path: '/Widgets/:id/exists', target: 'exists' },
  { verb: 'head', path: '/Widgets/:id', target: 'exists' },
  { verb: 'get', path: '/Widgets/:id', target: 'findById' },
  { verb: 'put', path: '/Widgets/:id', target: 'replaceById' },
  { verb: 'post', path: '/Widgets/:id/replace', target: 'replaceById' },
  { verb: 'get', path: '/Widgets/', target: 'find' },
  { verb: 'get', path: '/Widgets/findOne', target: 'findOne' },
  { verb: 'post', path: '/Widgets/update', target: 'updateAll' },
  { verb: 'delete', path: '/Widgets/:id', target: 'deleteById' },
  { verb: 'get', path: '/Widgets/count', target: 'count' },
  { verb: 'patch', path: '/Widgets/:id', target: 'prototype.patchAttributes' },
  { verb: 'get', path: '/Widgets/change-stream', target: 'createChangeStream' },
  { verb: 'post', path: '/Widgets/change-stream', target: 'createChangeStream' },
  { verb: 'get', path: '/Widgets/multi', target: 'multi' },
  { verb: 'all', path: '/Widgets/noHttp', target: 'noHttp' },
  { verb: 'post', path: '/Widgets/login', target: 'login' },
  { verb: 'all', path: '/Widgets/logout', target: 'logout' },
  { verb: 'del', path: '/Widgets/:id/orders/:fk', target: 'prototype.__destroyById__orders' },
  { verb: 'get', path: '/Widgets/:id/orders/:fk', target: 'prototype.__findById__orders' },
  { verb: 'get', path: '/Widgets/:id/orders/count', target: 'prototype.__count__orders' },
  { verb: 'put', path: '/Widgets/:id/groups/rel/:fk', target: 'prototype.__link__groups' },
  { verb: 'head', path: '/Widgets/:id/groups/rel/:fk', target: 'prototype.__exists__groups' },
  { verb: 'get', path: '/Widgets/stats/:year', target: 'stats' },
  { verb: 'all', path: '/Widgets/:x/weird', target: 'weird' },
];

describe('compat route table (LB3 route order on find-my-way)', () => {
  it('sorts routes like strong-remoting: put > post > patch > head > get > delete > all, literals first, longer first', () => {
    const order = sortLb3Routes(builtins).map((e) => `${e.verb} ${e.path}`);
    expect(order.slice(0, 4)).to.eql(['put /Widgets/:id/groups/rel/:fk', 'put /Widgets/:id', 'put /Widgets/', 'post /Widgets/change-stream']);
    expect(order.indexOf('get /Widgets/findOne')).to.be.lessThan(order.indexOf('get /Widgets/:id'));
    expect(order.indexOf('get /Widgets/:id/exists')).to.be.lessThan(order.indexOf('get /Widgets/:id'));
    expect(order.indexOf('head /Widgets/:id')).to.be.lessThan(order.indexOf('get /Widgets/multi'));
    expect(order.slice(-3).map((s) => s.split(' ')[0])).to.eql(['all', 'all', 'all']);
    expect(order.indexOf('del /Widgets/:id/orders/:fk')).to.be.greaterThan(order.indexOf('get /Widgets/'));
  });

  const table: Array<[HttpVerb, string, string | undefined, Record<string, string>?]> = [
    ['get', '/Widgets/login', 'findById', { id: 'login' }],
    ['post', '/Widgets/login', 'login'],
    ['head', '/Widgets/multi', 'exists', { id: 'multi' }],
    ['get', '/Widgets/multi', 'multi'],
    ['get', '/Widgets/findOne', 'findOne'],
    ['get', '/widgets/FINDONE', 'findOne'],
    ['head', '/Widgets/findOne', 'exists', { id: 'findOne' }],
    ['get', '/Widgets/count', 'count'],
    ['get', '/Widgets/7', 'findById', { id: '7' }],
    ['get', '/Widgets', 'find'],
    ['head', '/Widgets', 'find'],
    ['delete', '/Widgets', undefined],
    ['post', '/Widgets/1', undefined],
    ['options', '/Widgets', undefined],
    ['post', '/Widgets/noHttp', 'noHttp'],
    ['get', '/Widgets/noHttp', 'findById', { id: 'noHttp' }],
    ['put', '/Widgets/noHttp', 'replaceById', { id: 'noHttp' }],
    ['patch', '/Widgets/noHttp', 'prototype.patchAttributes', { id: 'noHttp' }],
    ['delete', '/Widgets/noHttp', 'deleteById', { id: 'noHttp' }],
    ['options', '/Widgets/noHttp', 'noHttp'],
    ['get', '/Widgets/logout', 'findById', { id: 'logout' }],
    ['post', '/Widgets/logout', 'logout'],
    ['get', '/Widgets/1/orders/count', 'prototype.__count__orders', { id: '1' }],
    ['get', '/Widgets/1/orders/3', 'prototype.__findById__orders', { id: '1', fk: '3' }],
    ['delete', '/Widgets/1/orders/3', 'prototype.__destroyById__orders', { id: '1', fk: '3' }],
    ['patch', '/Widgets/2/orders/3', undefined],
    ['head', '/Widgets/1/groups/rel/2', 'prototype.__exists__groups'],
    ['get', '/Widgets/1/groups/rel/2', undefined],
    // partial overlap across verbs: all /:x/weird vs get /stats/:year — LB3 tries GET routes first
    ['get', '/Widgets/stats/weird', 'stats', { year: 'weird' }],
    ['post', '/Widgets/stats/weird', 'weird', { x: 'stats' }],
    // partial overlap the other way: GET /:id/exists (earlier) vs all /:x/weird — disjoint; and exists vs stats
    ['get', '/Widgets/stats/exists', 'stats', { year: 'exists' }],
    ['get', '/Widgets/5/exists', 'exists', { id: '5' }],
  ];

  for (const [verb, url, target, params] of table) {
    it(`answers ${verb.toUpperCase()} ${url} with ${target ?? 'no route'} as LB3 does`, () => {
      const answer = coreRouter(builtins)(verb, url);
      expect(lb3Answer(builtins, verb, url), 'reference').to.equal(target);
      expect(answer?.target).to.equal(target);
      if (params) expect(answer!.params).to.include(params);
    });
  }

  it('gives the LB3 winner for a partially overlapping pair where the earlier route has the param', () => {
    // for GET: `get /:id/exists` sorts before `all /stats/:year`; URL /stats/exists is exists("stats") in LB3
    const entries: Lb3RouteEntry<string>[] = [
      { verb: 'get', path: '/M/:id/exists', target: 'exists' },
      { verb: 'all', path: '/M/stats/:year', target: 'stats' },
    ];
    const route = coreRouter(entries);
    expect(route('get', '/M/stats/exists')).to.eql({ target: 'exists', params: { id: 'stats' } });
    expect(route('get', '/M/stats/2020')).to.eql({ target: 'stats', params: { year: '2020' } });
    expect(route('post', '/M/stats/exists')).to.eql({ target: 'stats', params: { year: 'exists' } });
    expect(route('get', '/M/9/exists')?.target).to.equal('exists');
  });

  it('drops routes that LB3 can never reach instead of registering them', () => {
    const planned = planClassRoutes(builtins);
    const getPaths = planned.filter((p) => p.verb === 'get').map((p) => p.path);
    expect(getPaths).to.not.include('/Widgets/noHttp');
    expect(getPaths).to.not.include('/Widgets/logout');
    expect(planned.filter((p) => p.verb === 'head').map((p) => p.path)).to.not.include('/Widgets/multi');
  });

  it('agrees with the LB3 reference on every verb for a grid of URLs', () => {
    const route = coreRouter(builtins);
    const words = ['', 'login', 'multi', 'count', '7', 'noHttp', 'stats', 'weird', 'exists', 'orders', 'groups', 'rel', 'findOne', 'x'];
    let checked = 0;
    for (const verb of CONCRETE_VERBS) {
      for (const a of words)
        for (const b of words)
          for (const c of ['', 'exists', 'weird', '3', 'count']) {
            const url = ['/Widgets', a, a && b, a && b && c].filter(Boolean).join('/');
            expect(route(verb, url)?.target, `${verb} ${url}`).to.equal(lb3Answer(builtins, verb, url));
            checked++;
          }
    }
    expect(checked).to.be.greaterThan(1000);
  });
});
