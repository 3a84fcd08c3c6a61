export {
  getControllerMetadata,
  type AuthenticateMetadata,
  type ControllerClass,
  type ControllerMetadata,
  type MethodMetadata,
  type OperationSpec,
  type RequestBodySpec,
} from './metadata';
export { api, authenticate, authorize, del, get, head, intercept, param, patch, post, put, requestBody } from './decorators';
export type { ClassOrMethodDecorator, MethodOnlyDecorator, ParamDecorator } from './decorators';
export { controllerRoutes, joinRoutePath, pathParamNames } from './controller-routes';
