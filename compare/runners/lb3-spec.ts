/** The LB3 app's own API description (the spec gate's legacy side): loopback-swagger → OpenAPI 3, as compat converts it. */
import { Lb3OpenApi } from '../../compat/openapi/openapi.adapter';

/** OpenAPI 3 `paths` (prefixed with restApiRoot) and `components` of an LB3 app. */
export async function lb3OpenApiDocument(lb3App: any): Promise<Record<string, unknown>> {
  const spec = new Lb3OpenApi({ lb3App, basePath: lb3App.get('restApiRoot') || '/api' });
  await spec.refresh();
  return spec.document;
}
