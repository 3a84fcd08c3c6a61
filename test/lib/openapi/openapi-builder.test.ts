import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import { api, controllerRoutes, del, get, param, post, put, requestBody } from '../../../lib/controllers';
import { buildOpenApiSpec, namedSchema, toOpenApiPath } from '../../../lib/openapi';
import type { Route, RouteSpec } from '../../../lib/rest/types';

const Product = namedSchema('Product', {
  type: 'object',
  required: ['name'],
  properties: { id: { type: 'number' }, name: { type: 'string' }, price: { type: 'number' } },
});

@api({ basePath: '/products' })
class ProductController {
  @get('/', { responses: { '200': { description: 'All', content: { 'application/json': { schema: { type: 'array', items: Product } } } } } })
  find(@param.query.object('filter') _filter?: object) {
    return [];
  }

  @get('/{id}')
  findById(@param.path.number('id') id: number) {
    return { id };
  }

  @post('/', { status: 201 })
  create(@requestBody({ schema: Product }) data: object) {
    return data;
  }

  @put('/{id}')
  replace(@param.path.number('id') _id: number, @requestBody({ schema: Product }) _data: object) {}

  @del('/{id}', { status: 204, 'x-visibility': 'undocumented' })
  remove(@param.path.number('id') _id: number) {}

  @get('/count', { summary: 'hidden helper' })
  count(@param.query.array('ids', 'integer') _ids?: number[]) {
    return 0;
  }
}

/** The builder reads only RouteSpec fields, so specs stand in for compiled routes. */
function asRoutes(specs: RouteSpec[]): Route[] {
  return specs as Route[];
}

async function validate(doc: Record<string, unknown>): Promise<void> {
  // SwaggerParser dereferences in place: validate a copy.
  await SwaggerParser.validate(structuredClone(doc) as never);
}

describe('buildOpenApiSpec', () => {
  const specs = controllerRoutes(ProductController, () => new ProductController());

  it('produces a valid OpenAPI 3.0.3 document for a sample controller', async () => {
    const doc = buildOpenApiSpec(asRoutes(specs), { title: 'Shop', version: '2.0.0', basePath: '/api' });
    expect(doc.openapi).to.equal('3.0.3');
    expect(doc.info).to.deep.equal({ title: 'Shop', version: '2.0.0' });
    await validate(doc);
  });

  it('prefixes basePath, converts :id to {id}, and skips undocumented operations', () => {
    const doc = buildOpenApiSpec(asRoutes(specs), { basePath: '/api/' }) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).to.deep.equal(['/api/products', '/api/products/{id}', '/api/products/count']);
    expect(Object.keys(doc.paths['/api/products/{id}'])).to.deep.equal(['get', 'put']);
    expect(Object.keys(doc.paths['/api/products'])).to.deep.equal(['get', 'post']);
  });

  it('hoists named schemas into components.schemas and strips internal fields', () => {
    const doc = buildOpenApiSpec(asRoutes(specs)) as {
      paths: Record<string, Record<string, Record<string, any>>>;
      components: { schemas: Record<string, unknown> };
    };
    const post = doc.paths['/products'].post;
    expect(post.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/Product' });
    expect(post).to.not.have.property('x-body-index');
    expect(doc.paths['/products'].get.responses['200'].content['application/json'].schema).to.deep.equal({
      type: 'array',
      items: { $ref: '#/components/schemas/Product' },
    });
    expect(doc.components.schemas).to.deep.equal({
      Product: { type: 'object', required: ['name'], properties: { id: { type: 'number' }, name: { type: 'string' }, price: { type: 'number' } } },
    });
    // The route keeps its inline schema for the argument parser.
    expect(specs.find((s) => s.verb === 'post')!.operation.requestBody).to.have.nested.property('content.application/json.schema.x-schema-name', 'Product');
  });

  it('leaves out hidden routes, declares undeclared path params, and dedupes operationIds', async () => {
    const extra: RouteSpec[] = [
      { verb: 'get', path: '/things/:thingId(^\\d+)', operation: { operationId: 'Things.get' }, invoke: () => 1 },
      { verb: 'post', path: '/things/:thingId(^\\d+)', operation: { operationId: 'Things.get', responses: { '200': { description: 'ok' } } }, invoke: () => 1 },
      { verb: 'get', path: '/secret', operation: { operationId: 'Secret' }, invoke: () => 1, hidden: true },
    ];
    const doc = buildOpenApiSpec(asRoutes(extra)) as { paths: Record<string, Record<string, Record<string, any>>> };
    expect(Object.keys(doc.paths)).to.deep.equal(['/things/{thingId}']);
    const item = doc.paths['/things/{thingId}'];
    expect(item.get.parameters).to.deep.equal([{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(item.get.responses).to.deep.equal({ '200': { description: 'OK' } });
    expect([item.get.operationId, item.post.operationId]).to.deep.equal(['Things.get', 'Things.get_2']);
    await validate(doc);
  });

  it('merges contributed documents per path and verb, and per component name', async () => {
    const merged = {
      paths: {
        '/products': { delete: { operationId: 'Lb3.deleteAll', responses: { '200': { description: 'deleted' } } } },
        '/Customers': { get: { operationId: 'Customer.find', responses: { '200': { description: 'list' } } } },
      },
      components: {
        schemas: { Customer: { type: 'object' } },
        securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      },
      tags: [{ name: 'Customer' }],
    };
    const doc = buildOpenApiSpec(asRoutes(specs), { merge: [merged] }) as {
      paths: Record<string, Record<string, unknown>>;
      components: Record<string, Record<string, unknown>>;
      tags: unknown[];
    };
    expect(Object.keys(doc.paths['/products'])).to.deep.equal(['get', 'post', 'delete']);
    expect(doc.paths['/Customers']).to.have.key('get');
    expect(Object.keys(doc.components.schemas)).to.deep.equal(['Product', 'Customer']);
    expect(doc.components.securitySchemes).to.have.key('token');
    expect(doc.tags).to.deep.equal([{ name: 'Customer' }]);
    await validate(doc);
  });

  it('converts router paths to OpenAPI templates', () => {
    expect(toOpenApiPath('/a/:id/b/:fk')).to.equal('/a/{id}/b/{fk}');
    expect(toOpenApiPath('/plain')).to.equal('/plain');
  });
});
