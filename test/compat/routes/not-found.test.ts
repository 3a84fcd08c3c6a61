import { expect } from 'chai';
import { lb3NotFoundMessage } from '../../../compat/routes/not-found';

describe('compat LB3 not-found messages', () => {
  const mounts = [
    { name: 'Customer', path: '/Customers' },
    { name: 'BlogPost', path: '/blog-posts' },
  ];
  const table: Array<[string, string, string]> = [
    ['GET', '/Nopes?x=1', 'There is no method to handle GET /Nopes?x=1'],
    ['GET', '/', 'There is no method to handle GET /'],
    ['DELETE', '/Customers?x=1', 'Shared class "Customer" has no method handling DELETE /?x=1'],
    ['DELETE', '/Customers', 'Shared class "Customer" has no method handling DELETE /'],
    ['PATCH', '/Customers/2/orders/3', 'Shared class "Customer" has no method handling PATCH /2/orders/3'],
    ['OPTIONS', '/customers', 'Shared class "Customer" has no method handling OPTIONS /'],
    ['GET', '/CustomersX', 'There is no method to handle GET /CustomersX'],
    ['POST', '/BLOG-POSTS/1', 'Shared class "BlogPost" has no method handling POST /1'],
  ];
  for (const [verb, url, message] of table) {
    it(`says "${message}" for ${verb} ${url}`, () => {
      expect(lb3NotFoundMessage(verb, url, mounts)).to.equal(message);
    });
  }
});
